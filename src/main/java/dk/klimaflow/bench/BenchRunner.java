package dk.klimaflow.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the bench phases in order and collects every figure. Input: the {@link BenchSettings} and where to print progress.
 * Steps: start (or connect to) the cluster; publish the workload's metering points and emission factors (factors first, for
 * the whole period any phase uses, so no energy waits for a factor); then ceiling ({@link CeilingBench}), backlog
 * ({@link BacklogBench}, whose pipeline stays up for) latency ({@link LatencyBench}, with memory), and scaling (a backlog run
 * per size and stream-thread count, each with a fresh application id). Output: the {@link BenchReport} (machine, git commit,
 * settings, figures); a {@link BenchFailure} when totals are wrong or a deadline passes, with the figures so far in the report.
 */
public final class BenchRunner {
    private final BenchSettings settings;
    private final PrintWriter out;
    private final BenchReport report = new BenchReport();

    public BenchRunner(BenchSettings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
    }

    public BenchReport report() {
        return report;
    }

    public BenchReport run() throws Exception {
        report.put("run", "gitCommit", MachineInfo.gitCommit());
        report.put("run", "startedAt", java.time.Instant.now().toString());
        report.putAll("machine", MachineInfo.machine());
        report.putAll("settings", settings.asMap());
        Progress progress = Progress.forTerminal(out);
        long started = System.nanoTime();
        say("starting " + (settings.embedded() ? "the embedded Kafka broker and schema registry" : "against " + settings.bootstrapServers()) + " ...");
        try (BenchCluster cluster = BenchCluster.start(settings)) {
            report.put("run", "clusterStartSeconds", (System.nanoTime() - started) / 1e9);
            Path workDir = cluster.tempDir() != null ? cluster.tempDir().resolve("bench") : Files.createTempDirectory("klimaflow-bench-");
            try {
                phases(cluster, workDir, progress);
            } finally {
                if (cluster.tempDir() == null) {
                    BenchCluster.deleteTree(workDir);
                }
            }
        } finally {
            report.put("run", "totalSeconds", (System.nanoTime() - started) / 1e9);
        }
        return report;
    }

    private void phases(BenchCluster cluster, Path workDir, Progress progress) throws Exception {
        long now = System.currentTimeMillis();
        Workload workload = new Workload(settings.meteringPoints(), settings.has("latency") ? Math.max(1, settings.latencyRate() / 4) : 0, now);
        List<Long> sizes = new ArrayList<>(List.of(settings.readings()));
        if (settings.has("scaling")) {
            sizes.addAll(settings.scalingSizes());
        }
        long oldest = sizes.stream().mapToLong(n -> workload.plan(n).oldest()).min().orElseThrow();
        long latestHour = Math.floorDiv(now, Workload.HOUR) * Workload.HOUR;
        long from = Math.min(oldest, latestHour - (settings.latencySeconds() + LatencyBench.warmupSeconds(settings.latencySeconds()) + 3L) * Workload.HOUR);
        try (Preloader master = new Preloader(cluster.clientProperties(), cluster.registry(), 50)) {
            workload.factors(from, latestHour + 2 * Workload.HOUR).forEach(master::factor);
            master.flush();
            workload.meteringPoints().forEach(master::meteringPoint);
            master.flush();
        }
        report.put("workload", "electricityMeteringPoints", workload.electricityPoints());
        report.put("workload", "districtHeatingMeters", workload.heatPoints());
        report.put("workload", "latencyMeteringPoints", workload.latencyPoints());
        report.put("workload", "partitions", cluster.partitions(dk.klimaflow.config.Topics.ELECTRICITY));

        if (settings.has("ceiling")) {
            say("ceiling: exactly-once copy of " + settings.readings() + " records of ~100 bytes");
            report.putAll("ceiling", new CeilingBench(cluster, progress).run(settings.readings(), settings.meteringPoints(),
                    settings.threads(), settings.timeoutSecondsFor(settings.readings())));
        }
        BacklogBench backlog = new BacklogBench(cluster, workload, settings, progress, workDir);
        PipelineProcess pipeline = null;
        try {
            if (settings.has("backlog")) {
                say("backlog: " + settings.readings() + " readings preloaded, then the pipeline starts");
                BacklogBench.Result r;
                try {
                    r = backlog.run("backlog", settings.readings(), settings.threads(), settings.has("latency"));
                } catch (BenchFailure e) {
                    report.putAll("backlog", backlog.lastFigures());
                    throw e;
                }
                pipeline = r.pipeline();
                report.putAll("backlog", r.figures());
                Object ceiling = report.get("ceiling", "recordsPerSecond");
                if (ceiling instanceof Double c) {
                    report.put("backlog", "ratioToCeiling", (Double) r.figures().get("readingsPerSecond") / c);
                }
            }
            if (settings.has("latency")) {
                if (pipeline == null) {
                    say("latency: starting the pipeline (a small backlog first, to know it is running and caught up)");
                    pipeline = backlog.run("latency warm-up", 1_000, settings.threads(), true).pipeline();
                }
                say("latency: " + settings.latencyRate() + " readings/s for " + settings.latencySeconds() + " s after a warm-up of "
                        + LatencyBench.warmupSeconds(settings.latencySeconds()) + " s");
                pipeline.resetWindow();
                report.putAll("latency", new LatencyBench(cluster, workload, progress).run(settings.latencyRate(), settings.latencySeconds()));
                report.put("latency", "memory", pipeline.window().figures());
            }
        } finally {
            if (pipeline != null) {
                pipeline.close();
            }
        }
        if (settings.has("scaling")) {
            List<Map<String, Object>> runs = new ArrayList<>();
            report.section("scaling").put("runs", runs);
            for (long size : settings.scalingSizes()) {
                for (int threads : settings.scalingThreads()) {
                    say("scaling: " + size + " readings, " + threads + " stream thread(s)");
                    Map<String, Object> f = backlog.run("scaling " + size + "/" + threads, size, threads, false).figures();
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("readings", f.get("readings"));
                    row.put("streamThreads", threads);
                    row.put("secondsToRunning", f.get("secondsToRunning"));
                    row.put("secondsToFirstAggregate", f.get("secondsToFirstAggregate"));
                    row.put("secondsToAllReadings", f.get("secondsToAllReadings"));
                    row.put("readingsPerSecond", f.get("readingsPerSecond"));
                    row.put("pipelineCpuSeconds", f.get("pipelineCpuSeconds"));
                    row.put("memory", f.get("memory"));
                    synchronized (report) {
                        runs.add(row);
                    }
                }
            }
        }
    }

    private void say(String line) {
        out.println("bench: " + line);
        out.flush();
    }
}
