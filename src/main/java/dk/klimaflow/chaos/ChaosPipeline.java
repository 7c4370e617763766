package dk.klimaflow.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.klimaflow.bench.PipelineProcess;
import dk.klimaflow.config.KlimaflowConfig;
import dk.klimaflow.embedded.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * The pipeline under test: {@code klimaflow run} in a child JVM ({@link PipelineProcess}) with one application id, state
 * directory and web port for the whole chaos run, so that every start after a fault resumes the same application. Input: the
 * cluster settings, heap and work directory. Output: start, {@code kill -9}, a pause ({@code SIGSTOP}/{@code SIGCONT}), orderly stop, wiping of the state directory, and
 * from its web API: whether Kafka Streams is RUNNING ({@code /api/health}) and the ledger's {@code in} ({@code /api/counters}).
 */
public final class ChaosPipeline implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, String> settings;
    private final String heap;
    private final Path workDir;
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private PipelineProcess process;
    private int starts;

    public ChaosPipeline(KlimaflowConfig cluster, String heap, Path workDir) {
        this.settings = new HashMap<>(cluster.asMap());
        int port = Ports.free();
        settings.put("application.id", "klimaflow-chaos");
        settings.put("state.dir", workDir.resolve("state").toAbsolutePath().toString());
        settings.put(KlimaflowConfig.WEB_HOST, Ports.HOST);
        settings.put(KlimaflowConfig.WEB_PORT, String.valueOf(port));
        // a killed instance's partitions go to its successor after 6 s instead of the default 45 s session timeout
        settings.put("session.timeout.ms", "6000");
        settings.put("heartbeat.interval.ms", "1500");
        this.heap = heap;
        this.workDir = workDir;
        this.base = "http://" + Ports.HOST + ":" + port;
    }

    public synchronized void start() throws IOException {
        if (process == null || !process.alive()) {
            process = PipelineProcess.start(settings, heap, workDir);
            starts++;
        }
    }

    /** Starts the pipeline if it is not running and waits until Kafka Streams is RUNNING; returns the seconds that took. */
    public double startAndAwaitRunning(Duration timeout) throws IOException {
        long t0 = System.nanoTime();
        start();
        await("Kafka Streams RUNNING at " + base + "/api/health", timeout, this::running);
        return (System.nanoTime() - t0) / 1e9;
    }

    /** {@code kill -9} of the pipeline JVM. */
    public synchronized void kill() {
        if (process != null) {
            process.kill();
            process = null;
        }
    }

    /**
     * Freezes the pipeline JVM ({@code SIGSTOP}: no thread runs, no heartbeat, no transaction completes, as in a long GC pause
     * or a frozen virtual machine) when {@code frozen}, and lets it run on ({@code SIGCONT}) when not.
     */
    public synchronized void freeze(boolean frozen) throws IOException, InterruptedException {
        Signals.freeze(process == null ? -1 : process.pid(), frozen);
    }

    /** Orderly stop (SIGTERM: Kafka Streams closes and commits). */
    public synchronized void stop() {
        if (process != null) {
            process.close();
            process = null;
        }
    }

    public Path stateDir() {
        return Path.of(settings.get("state.dir"));
    }

    /** Deletes the state directory (the pipeline must be stopped); returns the bytes it held. */
    public long wipeState() throws IOException {
        long bytes = 0;
        if (!Files.exists(stateDir())) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(stateDir())) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                if (Files.isRegularFile(p)) {
                    bytes += Files.size(p);
                }
                Files.delete(p);
            }
        }
        return bytes;
    }

    public synchronized boolean alive() {
        return process != null && process.alive();
    }

    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    public int starts() {
        return starts;
    }

    public boolean running() {
        return PipelineProcess.isRunning(base + "/api/health");
    }

    public String countersUrl() {
        return base + "/api/counters";
    }

    /** The ledger's records in, or -1 while the API does not answer (starting, restoring). */
    public long recordsIn() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(countersUrl())).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JSON.readTree(r.body()).path("in").asLong(-1) : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    /** Polls until the pipeline has counted more than {@code than} records in; returns the count. */
    public long awaitRecordsIn(long than, Duration timeout) {
        long[] seen = {-1};
        await("the pipeline counting more than " + than + " records in", timeout, () -> (seen[0] = recordsIn()) > than);
        return seen[0];
    }

    /** Checks {@code condition} every 100 ms until it holds; a {@link ChaosFailure} after {@code timeout}. */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new ChaosFailure("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    public Path log() {
        return workDir.resolve("pipeline.log");
    }

    /** The pipeline log's size in bytes (0 before it exists): a mark for {@link #logLinesSince}. */
    public long logSize() throws IOException {
        return Files.exists(log()) ? Files.size(log()) : 0;
    }

    /** How many lines written to the pipeline log after {@code mark} contain {@code text}. */
    public long logLinesSince(long mark, String text) throws IOException {
        if (!Files.exists(log())) {
            return 0;
        }
        byte[] all = Files.readAllBytes(log());
        String since = new String(all, (int) Math.min(mark, all.length), (int) Math.max(0, all.length - mark), java.nio.charset.StandardCharsets.UTF_8);
        return since.lines().filter(l -> l.contains(text)).count();
    }

    @Override
    public void close() {
        stop();
    }
}
