package dk.klimaflow.bench;

import dk.klimaflow.avro.ElectricityTimeSeries;
import dk.klimaflow.avro.Point;
import dk.klimaflow.avro.Quality;
import dk.klimaflow.avro.Resolution;
import dk.klimaflow.avro.SectorEmissions;
import dk.klimaflow.config.Topics;
import dk.klimaflow.simulate.VallensbaekRegister;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * End-to-end latency of the running pipeline at a fixed input rate, from produce to a read_committed consumer of
 * {@code emissions.sector.hourly}. Input: the running pipeline, the rate in interval readings/s and the duration. Records are
 * what a live feed sends: one metering point's latest hour (4 PT15M points, sentAt now) per record, for the workload's own
 * latency metering points, which alone make up municipality {@link BenchRegister#LATENCY_MUNICIPALITY}; the hour goes back by one
 * for each round over those points, so every (point, quarter-hour) is new and every cell only grows. Method: records are sent
 * in batches every 20 ms; for each batch we note its send time and, for each hourly cell it touched, the cumulative energy that
 * cell must reach once the batch is counted. A consumer thread reads the hourly topic; a batch's latency is the time from its
 * send until every cell it touched shows at least that cumulative energy (a later batch cannot satisfy an earlier batch's
 * target on its own, since every record adds energy). Output: p50/p99/max over batches, the achieved rate, and an exactness
 * check of the latency cells (Wh and CO2e micrograms); a {@link BenchFailure} if batches are not seen within 60 s. The first
 * {@link #warmupSeconds} of the feed, at the same rate, are a warm-up: counted in the totals, not in the percentiles (their
 * maximum is reported apart), as a benchmark harness warms up a JIT-compiled system before it measures.
 */
public final class LatencyBench {
    private static final long TICK_NANOS = 20_000_000L;

    private record Batch(long sentNanos, Map<Long, Long> targets, boolean warmup) {
    }

    /** The warm-up before a measurement of {@code seconds}: a sixth of it, at least one second. */
    public static int warmupSeconds(int seconds) {
        return Math.max(1, seconds / 6);
    }

    private final BenchCluster cluster;
    private final Workload workload;
    private final Progress progress;

    public LatencyBench(BenchCluster cluster, Workload workload, Progress progress) {
        this.cluster = cluster;
        this.workload = workload;
        this.progress = progress;
    }

    public Map<String, Object> run(int rate, int seconds) throws Exception {
        long latestHour = Math.floorDiv(System.currentTimeMillis(), Workload.HOUR) * Workload.HOUR - Workload.HOUR;
        int points = workload.latencyPoints();
        int warmup = warmupSeconds(seconds);
        long seriesTotal = (long) rate * (seconds + warmup) / 4;
        long warmupSeries = (long) rate * warmup / 4;
        List<Double> warmupLatencies = new ArrayList<>();
        Map<Long, long[]> expected = new HashMap<>(); // hour -> {Wh, ug}
        List<Batch> pending = new ArrayList<>();
        List<Double> latencies = new ArrayList<>();
        Map<Long, Long> observedWh = new HashMap<>();
        Map<Long, Long> observedUg = new HashMap<>();
        Object lock = new Object();
        java.util.concurrent.atomic.AtomicBoolean reading = new java.util.concurrent.atomic.AtomicBoolean(true);
        AggregateWatcher watcher = new AggregateWatcher(cluster.clientProperties(), cluster.registry(), Topics.HOURLY, cluster.endOffsets(Topics.HOURLY));
        Thread reader = new Thread(() -> {
            while (reading.get()) {
                List<SectorEmissions> updates = watcher.poll(Duration.ofMillis(20));
                long now = System.nanoTime();
                synchronized (lock) {
                    for (SectorEmissions s : updates) {
                        if (s.getMunicipalityCode().equals(BenchRegister.LATENCY_MUNICIPALITY)) {
                            observedWh.put(s.getWindowStart().toEpochMilli(), s.getEnergyWh());
                            observedUg.put(s.getWindowStart().toEpochMilli(), s.getCo2eMicrograms());
                        }
                    }
                    pending.removeIf(b -> {
                        boolean done = b.targets().entrySet().stream().allMatch(t -> observedWh.getOrDefault(t.getKey(), 0L) >= t.getValue());
                        if (done) {
                            (b.warmup() ? warmupLatencies : latencies).add((now - b.sentNanos()) / 1e6);
                        }
                        return done;
                    });
                    lock.notifyAll();
                }
            }
        }, "bench-latency-reader");
        reader.setDaemon(true);
        try (Preloader producer = new Preloader(cluster.clientProperties(), cluster.registry(), 5)) {
            reader.start();
            progress.start("latency", seriesTotal * 4);
            long started = System.nanoTime();
            long sent = 0;
            long tick = started;
            while (sent < seriesTotal) {
                long due = Math.min(seriesTotal, (long) ((System.nanoTime() - started) / 1e9 * rate / 4));
                Map<Long, Long> targets = new HashMap<>();
                long batchStart = System.nanoTime();
                boolean warming = sent < warmupSeries;
                for (; sent < due; sent++) {
                    int point = (int) (sent % points);
                    long hour = latestHour - (sent / points) * Workload.HOUR;
                    List<Point> quarters = new ArrayList<>(4);
                    long[] e = expected.computeIfAbsent(hour, h -> new long[2]);
                    for (int j = 0; j < 4; j++) {
                        long q = Workload.quantityWh(sent + 1_000_000_000L, j);
                        quarters.add(new Point(q, Quality.MEASURED));
                        e[0] += q;
                        e[1] = Math.addExact(e[1], Math.multiplyExact(q, workload.electricityMg(hour)));
                    }
                    producer.electricity(new ElectricityTimeSeries(BenchRegister.latencyId(point), VallensbaekRegister.GRID_COMPANY,
                            Instant.ofEpochMilli(hour), Resolution.PT15M, quarters, Instant.now()));
                    targets.put(hour, e[0]);
                }
                if (!targets.isEmpty()) {
                    synchronized (lock) {
                        pending.add(new Batch(batchStart, targets, warming));
                    }
                }
                progress.update(sent * 4);
                tick += TICK_NANOS;
                LockSupport.parkNanos(tick - System.nanoTime()); // pacing of the fixed input rate
            }
            producer.flush();
            double sendSeconds = (System.nanoTime() - started) / 1e9;
            progress.done(sent * 4);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            synchronized (lock) {
                while (!pending.isEmpty() && System.nanoTime() < deadline) {
                    lock.wait(100);
                }
                if (!pending.isEmpty()) {
                    throw new BenchFailure("latency: " + pending.size() + " batches not reflected in " + Topics.HOURLY + " within 60 s after sending");
                }
                List<String> diff = new ArrayList<>();
                expected.forEach((hour, e) -> {
                    if (observedWh.getOrDefault(hour, 0L) != e[0] || observedUg.getOrDefault(hour, 0L) != e[1]) {
                        diff.add(BenchRegister.LATENCY_MUNICIPALITY + "|" + BenchRegister.LATENCY_SECTOR + "|ELECTRICITY|" + Instant.ofEpochMilli(hour)
                                + ": expected " + e[0] + " Wh / " + e[1] + " ug, got " + observedWh.get(hour) + " Wh / " + observedUg.get(hour) + " ug");
                    }
                });
                if (!diff.isEmpty()) {
                    throw new BenchFailure("latency: hourly cells differ from the expected totals: " + String.join("; ", diff.subList(0, Math.min(10, diff.size()))));
                }
                Percentiles p = new Percentiles(latencies.stream().mapToDouble(Double::doubleValue).toArray());
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("targetReadingsPerSecond", rate);
                f.put("achievedReadingsPerSecond", sent * 4 / sendSeconds);
                f.put("seconds", sendSeconds);
                f.put("warmupSeconds", warmup);
                f.put("warmupMaxMs", warmupLatencies.stream().mapToDouble(Double::doubleValue).max().orElse(0));
                f.put("batches", p.count());
                f.put("p50Ms", p.percentile(50));
                f.put("p99Ms", p.percentile(99));
                f.put("maxMs", p.max());
                f.put("totalsExact", true);
                return f;
            }
        } finally {
            reading.set(false);
            reader.join(10_000);
            watcher.close();
        }
    }
}
