package dk.klimaflow.pipeline;

import dk.klimaflow.config.KlimaflowConfig;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits often while an instance is caught up and seldom while it works through a backlog. Kafka Streams itself commits
 * every {@code klimaflow.commit.interval.backlog.ms}; while caught up, each factor-cells task asks for a commit
 * ({@code ProcessorContext.commit()}) every {@code commit.interval.ms}, so a live reading reaches its aggregate as before.
 * Input: the instance's client metrics ({@code records-lag} of every input partition of the main consumers, and their
 * {@code records-consumed-total}), sampled by one daemon thread. The instance is behind when its lag exceeds both
 * {@link #MIN_BACKLOG_RECORDS} and twice what it consumed in the last backlog interval (more than two backlog intervals
 * of work queued) for a whole backlog interval, and stays behind until less than one interval's worth is left. Every commit writes the changed factor cells and window sums and a transaction marker into each partition it
 * touched, so a bulk load pays for a tenth of them, and its aggregates move once a second until it has caught up.
 */
final class CommitPacing implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CommitPacing.class);
    /**
     * A lag below this never counts as a backlog: a live feed that stalls for a moment, or a short burst of lag, must not
     * commit less often (with 10,000 and no debounce, bursts of 12,000-17,000 records near the end of a bulk load switched
     * pacing on for a quarter of a second, README Performance item 32).
     */
    static final long MIN_BACKLOG_RECORDS = 50_000;
    private static final String FETCH_GROUP = "consumer-fetch-manager-metrics";
    private static final int SAMPLES = 8;

    private final long caughtUpMs;
    private final long backlogMs;
    private final long periodMs;
    private final long[] sampledAt = new long[SAMPLES];
    private final double[] consumedAt = new double[SAMPLES];
    private int samples;
    private volatile boolean behind;
    /** When the lag was first seen above the threshold while caught up (monotonic ms), or -1. */
    private long aboveSince = -1;
    private ScheduledExecutorService sampler;

    CommitPacing(long caughtUpMs, long backlogMs) {
        this.caughtUpMs = caughtUpMs;
        this.backlogMs = backlogMs;
        this.periodMs = Math.max(10, backlogMs / (SAMPLES / 2));
    }

    static CommitPacing of(KlimaflowConfig config) {
        return new CommitPacing(config.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG), config.getLong(KlimaflowConfig.COMMIT_INTERVAL_BACKLOG_MS));
    }

    /** Whether the two intervals differ; if not, Kafka Streams' own commits are all there is. */
    boolean enabled() {
        return backlogMs > caughtUpMs;
    }

    /** How often a caught-up task asks for a commit. */
    long caughtUpMs() {
        return caughtUpMs;
    }

    /** Kafka Streams' own commit interval: the longer of the two. */
    long streamsCommitIntervalMs() {
        return Math.max(caughtUpMs, backlogMs);
    }

    boolean behind() {
        return behind;
    }

    /** Starts sampling the metrics of {@code streams} (until {@link #close()}). */
    void watch(KafkaStreams streams) {
        if (!enabled()) {
            return;
        }
        sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "klimaflow-commit-pacing");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(() -> sample(streams.metrics(), System.nanoTime() / 1_000_000), periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    /** One sample of the client metrics, taken at {@code nowMs} (a monotonic clock). */
    synchronized void sample(Map<MetricName, ? extends Metric> metrics, long nowMs) {
        double lag = 0;
        double consumed = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
            MetricName name = e.getKey();
            if (!FETCH_GROUP.equals(name.group()) || !mainConsumer(name.tags().get("client-id"))) {
                continue;
            }
            if (name.name().equals("records-lag") && name.tags().containsKey("partition")) {
                lag += value(e.getValue());
            } else if (name.name().equals("records-consumed-total") && !name.tags().containsKey("topic")) {
                consumed += value(e.getValue());
            }
        }
        int slot = samples++ % SAMPLES;
        sampledAt[slot] = nowMs;
        consumedAt[slot] = consumed;
        boolean was = behind;
        double perInterval = consumed - consumedSince(nowMs - backlogMs, consumed);
        boolean above = lag > Math.max(MIN_BACKLOG_RECORDS, was ? perInterval : 2 * perInterval); // no flapping at the boundary
        aboveSince = !above ? -1 : aboveSince < 0 ? nowMs : aboveSince;
        behind = above && (was || nowMs - aboveSince >= backlogMs); // behind only after a backlog interval of it: no bursts
        if (behind != was) {
            LOG.info(behind ? "{} input records behind: committing every {} ms until caught up" : "caught up ({} records behind): committing every {} ms",
                    (long) lag, behind ? backlogMs : caughtUpMs);
        }
    }

    /** The consumed total of the newest sample taken at or before {@code t} (the oldest kept if none is that old). */
    private double consumedSince(long t, double fallback) {
        double best = fallback;
        long bestAt = Long.MIN_VALUE;
        long oldestAt = Long.MAX_VALUE;
        double oldest = fallback;
        for (int i = 0; i < Math.min(samples, SAMPLES); i++) {
            if (sampledAt[i] <= t && sampledAt[i] > bestAt) {
                bestAt = sampledAt[i];
                best = consumedAt[i];
            }
            if (sampledAt[i] < oldestAt) {
                oldestAt = sampledAt[i];
                oldest = consumedAt[i];
            }
        }
        return bestAt == Long.MIN_VALUE ? oldest : best;
    }

    /** A stream thread's main consumer (not its restore consumer, not a global consumer). */
    private static boolean mainConsumer(String clientId) {
        return clientId != null && clientId.endsWith("-consumer") && !clientId.endsWith("-restore-consumer")
                && !clientId.endsWith("-global-consumer");
    }

    private static double value(Metric metric) {
        return metric.metricValue() instanceof Number n && !Double.isNaN(n.doubleValue()) ? n.doubleValue() : 0;
    }

    @Override
    public void close() {
        if (sampler != null) {
            sampler.shutdownNow();
        }
    }
}
