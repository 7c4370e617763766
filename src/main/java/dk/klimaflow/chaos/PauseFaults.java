package dk.klimaflow.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongUnaryOperator;

/**
 * The {@code pause} and {@code broker-pause} faults of {@link Faults}: the pipeline JVM, or a broker JVM, frozen with
 * {@code SIGSTOP} ({@link Signals}) for {@link #PAUSE} under load, then thawed; neither is restarted. Input: the cluster, the
 * pipeline, the run's seeded random and {@code progress} (waits until the pipeline has counted more than the given number
 * of records in; returns the count). Output: each fault's figures in the given map.
 */
final class PauseFaults {
    /** How long a {@code pause} lasts: past the session timeout (6 s), and past the transaction timeout (10 s) plus the broker's check for timed-out transactions (every 10 s). */
    static final Duration PAUSE = Duration.ofSeconds(25);
    /** What Kafka Streams logs (WARN) when a stream thread finds itself fenced: it closes its tasks dirty and rejoins. */
    static final String FENCED = "Detected that the thread is being fenced";
    private final ChaosCluster cluster;
    private final ChaosPipeline pipeline;
    private final Random random;
    private final LongUnaryOperator progress;

    PauseFaults(ChaosCluster cluster, ChaosPipeline pipeline, Random random, LongUnaryOperator progress) {
        this.cluster = cluster;
        this.pipeline = pipeline;
        this.random = random;
        this.progress = progress;
    }

    private long progress(long since) {
        return progress.applyAsLong(since);
    }

    private static double round(double seconds) {
        return Faults.round(seconds);
    }

    void pipeline(int runs, Map<String, Object> figures) throws Exception {
        List<Double> countingAgain = new ArrayList<>();
        List<Long> fenced = new ArrayList<>();
        long seen = pipeline.recordsIn();
        for (int r = 0; r < runs; r++) {
            seen = progress(seen);
            pipeline.freeze(true);
            long mark = pipeline.logSize();
            try {
                LockSupport.parkNanos(PAUSE.toNanos()); // the fault: frozen this long
            } finally {
                pipeline.freeze(false);
            }
            long t0 = System.nanoTime();
            seen = progress(seen);
            countingAgain.add(round((System.nanoTime() - t0) / 1e9));
            fenced.add(pipeline.logLinesSince(mark, FENCED));
        }
        progress(seen);
        figures.put("pausedSeconds", PAUSE.toSeconds());
        figures.put("secondsUntilCountingAfterResume", countingAgain);
        figures.put("streamThreadsFencedAfterResume", fenced);
        figures.put("pipelineRestartedByChaos", false);
    }

    void broker(int runs, Map<String, Object> figures) throws Exception {
        List<Integer> nodes = new ArrayList<>();
        List<Double> countingAgain = new ArrayList<>();
        List<Long> countedWhilePaused = new ArrayList<>();
        long seen = pipeline.recordsIn();
        int first = random.nextInt(cluster.brokers());
        for (int r = 0; r < runs; r++) {
            seen = progress(seen);
            int node = 1 + (first + r) % cluster.brokers();
            long atFreeze = pipeline.recordsIn();
            cluster.freezeBroker(node, true);
            try {
                LockSupport.parkNanos(PAUSE.toNanos()); // the fault: frozen this long
                countedWhilePaused.add(Math.max(0, pipeline.recordsIn() - atFreeze));
            } finally {
                cluster.freezeBroker(node, false);
            }
            long t0 = System.nanoTime();
            seen = progress(seen);
            countingAgain.add(round((System.nanoTime() - t0) / 1e9));
            nodes.add(node);
        }
        progress(seen);
        figures.put("pausedSeconds", PAUSE.toSeconds());
        figures.put("brokersPaused", nodes);
        figures.put("recordsCountedWhilePaused", countedWhilePaused);
        figures.put("secondsUntilCountingAfterResume", countingAgain);
        figures.put("pipelineRestartedByChaos", false);
    }
}
