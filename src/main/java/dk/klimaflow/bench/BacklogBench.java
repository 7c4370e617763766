package dk.klimaflow.bench;

import dk.klimaflow.avro.SectorEmissions;
import dk.klimaflow.config.KlimaflowConfig;
import dk.klimaflow.config.Topics;
import dk.klimaflow.embedded.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One backlog run: how fast a fresh pipeline catches up with readings that are already on the topics. Input: the cluster
 * (master data and factors already published), the {@link Workload}, a reading count and a stream-thread count. It empties
 * the reading topics, preloads the run's readings (computing the {@link ExpectedTotals} while generating), starts the pipeline
 * as a child JVM with a fresh application.id, and reads {@code emissions.sector.daily} (read_committed) until every expected
 * (municipality, sector, carrier, day) cell equals its expected Wh and CO2e micrograms (kept by a {@link DailyTally}), then
 * reads one more second to see that nothing moves, and (untimed, {@link GrainCheck}) the hourly, monthly and yearly topics until they are exact too. Output: preload rate, time from launch to Kafka Streams RUNNING (its /api/health), to the first aggregate and to the last, readings/s, peak RSS/heap/state size;
 * a {@link BenchFailure} naming the cell and both numbers when totals differ or the deadline passes.
 */
public final class BacklogBench {
    /** The figures of a run and, if asked to keep it, the still running pipeline. */
    public record Result(Map<String, Object> figures, PipelineProcess pipeline) {
    }

    private final BenchCluster cluster;
    private final Workload workload;
    private final BenchSettings settings;
    private final Progress progress;
    private final Path workDir;
    private volatile Map<String, Object> lastFigures = Map.of();

    public BacklogBench(BenchCluster cluster, Workload workload, BenchSettings settings, Progress progress, Path workDir) {
        this.cluster = cluster;
        this.workload = workload;
        this.settings = settings;
        this.progress = progress;
        this.workDir = workDir;
    }

    public Result run(String label, long readings, int threads, boolean keepRunning) throws Exception {
        cluster.truncate(Topics.ELECTRICITY, Topics.DISTRICT_HEATING, Topics.DISTRICT_HEATING_SERIES);
        Workload.Plan plan = workload.plan(readings);
        ExpectedTotals hourly = new ExpectedTotals(ExpectedTotals.Grain.HOUR);
        Map<String, Object> f = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
        lastFigures = f;
        f.put("readings", plan.readings());
        f.put("electricitySeries", plan.series());
        f.put("heatReadings", (long) plan.heatMeters() * plan.heatPerMeter());
        f.put("days", plan.days().size());
        f.put("streamThreads", threads);
        progress.start(label + " preload", plan.readings());
        long started = System.nanoTime();
        long bytes;
        try (Preloader preloader = new Preloader(cluster.clientProperties(), cluster.registry(), 50)) {
            workload.generate(plan, preloader, hourly, settings.heatSeries(), progress::update);
            preloader.flush();
            bytes = preloader.bytes();
        }
        double preloadSeconds = (System.nanoTime() - started) / 1e9;
        progress.done(plan.readings());
        f.put("preloadReadingsPerSecond", plan.readings() / preloadSeconds);
        f.put("preloadMegabytes", bytes / 1e6);
        ExpectedTotals expected = hourly.regrain(ExpectedTotals.Grain.DAY);
        f.put("expectedCells", expected.size());

        String appId = "klimaflow-bench-" + UUID.randomUUID().toString().substring(0, 8);
        Path appDir = workDir.resolve(appId);
        Map<String, String> pipelineSettings = new HashMap<>(cluster.config().asMap());
        pipelineSettings.put("application.id", appId);
        pipelineSettings.put("state.dir", appDir.resolve("state").toString());
        pipelineSettings.put("num.stream.threads", String.valueOf(threads));
        pipelineSettings.put(KlimaflowConfig.WEB_HOST, Ports.HOST);
        pipelineSettings.put(KlimaflowConfig.WEB_PORT, String.valueOf(Ports.free()));
        f.put("applicationId", appId);
        PipelineProcess pipeline = null;
        Map<String, Map<org.apache.kafka.common.TopicPartition, Long>> otherStarts = new HashMap<>();
        for (String topic : GrainCheck.OTHER_TOPICS.keySet()) {
            otherStarts.put(topic, cluster.endOffsets(topic));
        }
        try (AggregateWatcher watcher = new AggregateWatcher(cluster.clientProperties(), cluster.registry(), Topics.DAILY,
                cluster.endOffsets(Topics.DAILY))) {
            long launched = System.nanoTime();
            pipeline = PipelineProcess.start(pipelineSettings, settings.pipelineHeap(), appDir, settings.quick());
            f.put("pipelinePid", pipeline.pid());
            long deadline = launched + Duration.ofSeconds(settings.timeoutSecondsFor(plan.readings())).toNanos();
            long firstAggregate = -1;
            long runningAt = -1;
            long quarter = -1; // when a quarter, and three quarters, of the readings were reflected: the rate in between has
            long threeQuarters = -1; // start-up, JIT warm-up and the tail behind it

            List<long[]> timeline = new java.util.ArrayList<>(); // {milliseconds since launch, readings reflected}, once a second
            long nextSample = launched;
            long nextHealthCheck = launched;
            String health = "http://" + Ports.HOST + ":" + pipelineSettings.get(KlimaflowConfig.WEB_PORT) + "/api/health";
            DailyTally tally = new DailyTally(expected,
                    Map.of("ELECTRICITY", plan.series() * 96, "DISTRICT_HEATING", (long) plan.heatMeters() * plan.heatPerMeter()));
            progress.start(label + " pipeline", plan.readings());
            while (!tally.complete()) {
                if (System.nanoTime() > deadline || !pipeline.alive()) {
                    f.put("energyReflectedAtFailure", tally.energyShare());
                    f.put("readingsReflectedAtFailure", tally.readingsReflected());
                    f.put("secondsToFirstAggregate", firstAggregate < 0 ? null : (firstAggregate - launched) / 1e9);
                    f.put("memory", pipeline.window().figures());
                    List<String> diff = tally.unmatched();
                    throw new BenchFailure(label + ": " + (pipeline.alive() ? "timed out after " + settings.timeoutSecondsFor(plan.readings()) + " s"
                            : "the pipeline exited (see " + appDir.resolve("pipeline.log") + ")") + " with " + diff.size()
                            + " cells not as expected, e.g. " + diff.subList(0, Math.min(5, diff.size())));
                }
                for (SectorEmissions s : watcher.poll(Duration.ofMillis(100))) {
                    if (firstAggregate < 0) {
                        firstAggregate = System.nanoTime();
                    }
                    tally.add(s);
                }
                if (runningAt < 0 && System.nanoTime() >= nextHealthCheck) {
                    nextHealthCheck = System.nanoTime() + 500_000_000L;
                    if (PipelineProcess.isRunning(health)) {
                        runningAt = System.nanoTime();
                    }
                }
                long reflected = tally.readingsReflected();
                progress.update(reflected);
                if (System.nanoTime() >= nextSample) {
                    nextSample += 1_000_000_000L;
                    timeline.add(new long[] {(System.nanoTime() - launched) / 1_000_000, reflected});
                }
                if (quarter < 0 && reflected >= plan.readings() / 4) {
                    quarter = System.nanoTime();
                }
                if (threeQuarters < 0 && reflected >= plan.readings() * 3 / 4) {
                    threeQuarters = System.nanoTime();
                }
            }
            long complete = System.nanoTime();
            double cpu = pipeline.cpuSeconds(); // less noisy than the wall clock on a shared machine: the pipeline's own work
            progress.done(plan.readings());
            long settle = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            while (System.nanoTime() < settle) {
                for (SectorEmissions s : watcher.poll(Duration.ofMillis(100))) {
                    tally.add(s);
                }
            }
            List<String> diff = tally.differences();
            if (!diff.isEmpty()) {
                throw new BenchFailure(label + ": " + diff.size() + " cells differ from the expected totals: "
                        + String.join("; ", diff.subList(0, Math.min(10, diff.size()))));
            }
            // untimed: the other three aggregate topics must be exact too (a fast wrong answer in any of them is a failure)
            GrainCheck.Outcome grains = GrainCheck.run(cluster.clientProperties(), cluster.registry(), otherStarts, hourly, Duration.ofSeconds(120));
            if (!grains.differences().isEmpty()) {
                throw new BenchFailure(label + ": " + grains.differences().size() + " cells differ from the expected totals: "
                        + String.join("; ", grains.differences().subList(0, Math.min(10, grains.differences().size()))));
            }
            double seconds = (complete - launched) / 1e9;
            f.put("secondsToRunning", runningAt < 0 ? null : (runningAt - launched) / 1e9);
            f.put("secondsToFirstAggregate", (firstAggregate - launched) / 1e9);
            f.put("secondsToAllReadings", seconds);
            f.put("readingsPerSecond", plan.readings() / seconds);
            f.put("readingsPerSecondFrom25To75Percent", threeQuarters > quarter && quarter > 0
                    ? (plan.readings() * 3 / 4 - plan.readings() / 4) / ((threeQuarters - quarter) / 1e9) : null);
            f.put("totalsExact", true);
            Map<String, Integer> cellsCompared = new LinkedHashMap<>();
            cellsCompared.put(Topics.DAILY, expected.size());
            cellsCompared.putAll(grains.cellsCompared());
            f.put("cellsCompared", cellsCompared);
            f.put("pipelineCpuSeconds", cpu < 0 ? null : cpu);
            f.put("readingsPerPipelineCpuSecond", cpu <= 0 ? null : plan.readings() / cpu);
            f.put("memory", pipeline.window().figures());
            timeline.add(new long[] {(complete - launched) / 1_000_000, plan.readings()});
            f.put("timeline", timeline.stream().map(p -> List.of(p[0] / 1e3, p[1])).toList());
            if (keepRunning) {
                PipelineProcess running = pipeline;
                pipeline = null;
                return new Result(f, running);
            }
            return new Result(f, null);
        } finally {
            if (pipeline != null) {
                pipeline.close();
                BenchCluster.deleteTree(appDir.resolve("state"));
            }
        }
    }

    /** The figures of the latest run so far (also of a failed one). */
    public Map<String, Object> lastFigures() {
        return lastFigures;
    }
}
