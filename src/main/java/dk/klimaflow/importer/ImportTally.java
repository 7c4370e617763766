package dk.klimaflow.importer;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ledger of one import run: rows read, records imported, rows rejected (each printed at once as
 * {@code file:line: rejected: reason} on the error writer) and rows flagged (imported with a warning, e.g. an hour with fewer
 * than twelve 5-minute values). {@link #summary()} is the closing line; the first {@link #KEPT} problems are also kept for
 * tests and callers. Invariant: every row read is either rejected or contributed to an imported record.
 */
public final class ImportTally {
    static final int KEPT = 1_000;

    /** One reported row: where it is and why. */
    public record Problem(String file, long line, String reason, boolean rejected) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + (rejected ? "rejected: " : "flagged: ") + reason;
        }
    }

    private final PrintWriter err;
    private final List<Problem> problems = new ArrayList<>();
    private long read;
    private long imported;
    private long rejected;
    private long flagged;

    public ImportTally(PrintWriter err) {
        this.err = err;
    }

    void rowRead() {
        read++;
    }

    void imported(long records) {
        imported += records;
    }

    void reject(String file, long line, String reason) {
        rejected++;
        report(new Problem(file, line, reason, true));
    }

    void flag(String file, long line, String reason) {
        flagged++;
        report(new Problem(file, line, reason, false));
    }

    private void report(Problem p) {
        if (problems.size() < KEPT) {
            problems.add(p);
        }
        if (err != null) {
            err.println(p);
            err.flush();
        }
    }

    public long read() {
        return read;
    }

    public long imported() {
        return imported;
    }

    public long rejected() {
        return rejected;
    }

    public long flagged() {
        return flagged;
    }

    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    public String summary() {
        return String.format(Locale.ROOT, "rows read %,d, records imported %,d, rows rejected %,d, rows flagged %,d", read, imported,
                rejected, flagged);
    }
}
