package dk.klimaflow.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a chaos run: one {@link FaultResult} per fault (runs done, records in and their outcome as counted by the
 * pipeline's ledger during that fault, whether every total equals the recomputation, or the first difference, and the fault's
 * own figures), plus the run's settings, machine and git commit. Output: {@link #table()} for the terminal and
 * {@link #writeJson(Path)}.
 */
public final class ChaosReport {
    /** One fault's result; the counts are the growth of the pipeline's ledger while the fault and its load ran. */
    public record FaultResult(String fault, int runs, long recordsIn, long accepted, long rejected, long parked, boolean totalsEqual,
                              String firstDifference, double seconds, Map<String, Object> figures) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Map<String, Object> run = new LinkedHashMap<>();
    private final List<FaultResult> faults = new ArrayList<>();

    public synchronized void put(String key, Object value) {
        run.put(key, value);
    }

    public synchronized void add(FaultResult result) {
        faults.add(result);
    }

    public synchronized List<FaultResult> faults() {
        return List.copyOf(faults);
    }

    /** True when every fault ran and its totals were equal. */
    public synchronized boolean allEqual() {
        return !faults.isEmpty() && faults.stream().allMatch(FaultResult::totalsEqual) && !run.containsKey("failure");
    }

    public static String line(FaultResult f) {
        return String.format("%-12s %4d %10d %10d %9d %7d  %s", f.fault(), f.runs(), f.recordsIn(), f.accepted(), f.rejected(), f.parked(),
                f.totalsEqual() ? "totals equal" : "DIFFERENCE: " + f.firstDifference());
    }

    public synchronized String table() {
        StringBuilder out = new StringBuilder(String.format("%-12s %4s %10s %10s %9s %7s  %s%n", "fault", "runs", "records in", "accepted",
                "rejected", "parked", "result"));
        faults.forEach(f -> out.append(line(f)).append(System.lineSeparator()));
        return out.toString();
    }

    public synchronized void writeJson(Path file) {
        Map<String, Object> all = new LinkedHashMap<>(run);
        all.put("faults", faults);
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            JSON.writeValue(file.toFile(), all);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
