package dk.klimaflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline under test as a child JVM, so that its memory is its own. Input: the pipeline settings (written to a
 * properties file), the heap limit (-Xmx) and a work directory. It runs {@code java -Xmx.. -cp <this JVM's classpath>
 * dk.klimaflow.bench.PipelineChild run --config FILE} ({@code klimaflow run} plus heap lines), logs to {@code pipeline.log}
 * in the work directory, and samples once a second ({@link MemorySampler}): peak RSS (VmHWM of /proc/PID/status; reset per
 * measuring window through /proc/PID/clear_refs), the heap in use (from the child's heap lines) and the size of the state
 * directory. Output: {@link #window()} maxima since the last {@link #resetWindow()}; {@link #close()} stops the child by its
 * pid (SIGTERM, then SIGKILL after 15 s) and is also run by a shutdown hook.
 */
public final class PipelineProcess implements AutoCloseable {
    /** Maxima of one measuring window: peak RSS, peak heap used and largest state directory, in bytes (-1 = not measured). */
    public record Memory(long peakRssBytes, long peakHeapUsedBytes, long maxStateDirBytes) {
        /** The window as report figures: megabytes (10^6 bytes), null where not measured. */
        public Map<String, Object> figures() {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            out.put("peakRssMegabytes", peakRssBytes < 0 ? null : peakRssBytes / 1e6);
            out.put("peakHeapUsedMegabytes", peakHeapUsedBytes < 0 ? null : peakHeapUsedBytes / 1e6);
            out.put("stateDirMegabytes", maxStateDirBytes < 0 ? null : maxStateDirBytes / 1e6);
            return out;
        }
    }

    private static final java.util.Set<PipelineProcess> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Process process;
    private final Thread hook;
    private final MemorySampler memory;

    private PipelineProcess(Process process, Path stateDir) {
        this.process = process;
        this.hook = new Thread(this::stop, "bench-stop-pipeline");
        Runtime.getRuntime().addShutdownHook(hook);
        LIVE.add(this);
        this.memory = new MemorySampler(process, stateDir);
    }

    /**
     * The JIT setting of a pipeline JVM, the same as the launcher gives {@code klimaflow run} and {@code backfill}: C2 only,
     * no tiered C1 stages. A bulk load spent about 30 s of CPU in the two compilers of a tiered JVM on a 2-core machine,
     * beside the stream thread; C2 alone compiles fewer methods once (README, Performance).
     */
    static final String JIT_OPTION = "-XX:-TieredCompilation";

    public static PipelineProcess start(Map<String, String> settings, String heap, Path workDir) throws IOException {
        return start(settings, heap, workDir, false);
    }

    /**
     * Starts the pipeline JVM; {@code tiered} keeps the JVM's tiered JIT instead of C2 only: for short runs (the bench's
     * {@code --quick}), whose time is mostly the warm-up that C1 shortens.
     */
    public static PipelineProcess start(Map<String, String> settings, String heap, Path workDir, boolean tiered) throws IOException {
        Files.createDirectories(workDir);
        Path config = workDir.resolve("pipeline.properties");
        Properties p = new Properties();
        p.putAll(settings);
        try (var out = Files.newBufferedWriter(config)) {
            p.store(out, "klimaflow bench pipeline");
        }
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap, tiered ? "-XX:+TieredCompilation" : JIT_OPTION, "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                "-cp", System.getProperty("java.class.path")));
        String extra = System.getenv("KLIMAFLOW_BENCH_PIPELINE_OPTS"); // e.g. a flight recording: -XX:StartFlightRecording=filename=p.jfr
        if (extra != null && !extra.isBlank()) {
            command.addAll(3, List.of(extra.trim().split("\\s+"))); // after JIT_OPTION: -XX:+TieredCompilation overrides it
        }
        command.addAll(List.of(PipelineChild.class.getName(), "run", "--config", config.toString()));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(workDir.resolve("pipeline.log").toFile()))
                .start();
        return new PipelineProcess(process, Path.of(settings.get("state.dir")));
    }

    public long pid() {
        return process.pid();
    }

    /** CPU seconds the pipeline JVM has used so far (all its threads), or -1 where the platform does not tell. */
    public double cpuSeconds() {
        return process.toHandle().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(-1.0);
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Starts a new measuring window: the kernel's peak RSS is reset (clear_refs 5), heap and state maxima restart. */
    public void resetWindow() {
        memory.resetWindow();
    }

    /** The maxima of the current window, with a fresh sample. */
    public Memory window() {
        return memory.window();
    }

    /** {@code kill -9} of the pipeline JVM (no shutdown hooks, no commit, no state flush); returns when it is gone. */
    public void kill() {
        LIVE.remove(this);
        process.destroyForcibly(); // SIGKILL on Linux
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }

    /** Stops every pipeline child still running (before the broker they use goes away). */
    static void stopAll() {
        LIVE.forEach(PipelineProcess::stop);
    }

    private void stop() {
        LIVE.remove(this);
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
        memory.stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs stop() itself
        }
    }

    /** True when the pipeline's web API reports Kafka Streams RUNNING. */
    public static boolean isRunning(String healthUrl) {
        try {
            var response = HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(healthUrl)).timeout(Duration.ofMillis(400)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return response.body().contains("\"streamsState\":\"RUNNING\"");
        } catch (Exception e) {
            return false; // not up yet
        }
    }

    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofMillis(400)).build();
}
