package dk.klimaflow.chaos;

import dk.klimaflow.config.Topics;
import dk.klimaflow.embedded.TopicSetup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongUnaryOperator;
import org.apache.avro.Schema;

/**
 * The faults, each done to a pipeline under load (the {@link ChaosLoad} runs throughout; the caller verifies afterwards).
 * Input: the cluster, the pipeline, the load, the settings and a seeded random. Each fault adds its figures to the given map:
 * <ul>
 * <li>{@code kill}: wait until the pipeline has counted a random 1-3 s of load past what it had before, {@code kill -9} it,
 * start it again; repeated. Figures: seconds from start to RUNNING after each kill.</li>
 * <li>{@code broker}: {@code kill -9} of the broker JVM while the pipeline works, started again at once on the same port and log
 * directory; the pipeline must carry on by itself (it is not restarted). In a cluster of 3 or more brokers, a random one
 * of them is killed (the next one in the following run) and stays down until the pipeline has counted another 1-3 s of the load without it. Figures: the
 * seconds each was down, which node, and the records counted while it was down.</li>
 * <li>{@code pause}: the pipeline JVM is frozen ({@code SIGSTOP}) for {@link PauseFaults#PAUSE}, longer than its session timeout (6 s)
 * and Kafka Streams' transaction timeout (10 s), then resumed ({@code SIGCONT}): meanwhile the group coordinator has
 * expelled it and the transaction coordinator has aborted its open transaction, so it wakes up as a zombie of itself and
 * must be fenced, rejoin and redo the aborted work exactly once, without a restart. Figures: seconds paused, from the
 * resume until it counts again, and how many stream threads logged that they were fenced.</li>
 * <li>{@code broker-pause}: a broker JVM is frozen the same way for {@link PauseFaults#PAUSE} and resumed (a random one of a cluster, the
 * next one in the following run): on resume it expires the sessions and transactions that timed out meanwhile by its own
 * clock, so the pipeline is fenced without having paused. Figures: which broker, the records counted while it was frozen,
 * and from the resume until the pipeline counts again.</li>
 * <li>{@code registry}: a new compatible writer schema for the electricity readings is registered, the registry stopped, the
 * feed switched to the new schema id (the pipeline has never seen it), the registry kept down for a fixed time, then started.</li>
 * <li>{@code wipe}: orderly stop, the state directory deleted, start: every store restored from its changelog. Figures: state
 * bytes wiped, seconds to RUNNING (the restore) and until the pipeline counts again.</li>
 * <li>{@code race}: DECLARATION factors for every hour the readings cover, three revisions of the same keys, sent while readings
 * of those hours flow.</li>
 * </ul>
 */
final class Faults {
    private static final Duration STEP = Duration.ofSeconds(180);
    private final ChaosCluster cluster;
    private final ChaosPipeline pipeline;
    private final ChaosLoad load;
    private final ChaosSettings settings;
    private final Random random;
    private final LongUnaryOperator actualMg;
    private final PauseFaults pauses;
    private int registryRuns;
    private int revisions;

    Faults(ChaosCluster cluster, ChaosPipeline pipeline, ChaosLoad load, ChaosSettings settings, LongUnaryOperator actualMg) {
        this.cluster = cluster;
        this.pipeline = pipeline;
        this.load = load;
        this.settings = settings;
        this.random = new Random(settings.seed());
        this.actualMg = actualMg;
        this.pauses = new PauseFaults(cluster, pipeline, random, this::progress);
    }

    /** Waits until the pipeline has counted a random 1-3 s worth of the load more than {@code since}. */
    private long progress(long since) {
        long more = (long) settings.recordsPerSecond() * (1 + random.nextInt(3));
        try {
            return pipeline.awaitRecordsIn(Math.max(0, since) + more, STEP);
        } catch (ChaosFailure e) {
            if (load.failure() != null) {
                throw new ChaosFailure(e.getMessage() + ": the load had stopped by itself: " + load.failure());
            }
            throw e;
        }
    }

    void run(String fault, int runs, Map<String, Object> figures) throws Exception {
        switch (fault) {
            case "kill" -> kill(runs, figures);
            case "broker" -> broker(runs, figures);
            case "pause" -> pauses.pipeline(runs, figures);
            case "broker-pause" -> pauses.broker(runs, figures);
            case "registry" -> registry(runs, figures);
            case "wipe" -> wipe(runs, figures);
            case "race" -> race(runs, figures);
            default -> throw new IllegalArgumentException(fault);
        }
    }

    private void kill(int runs, Map<String, Object> figures) throws Exception {
        List<Double> recovery = new ArrayList<>();
        long seen = pipeline.recordsIn();
        for (int r = 0; r < runs; r++) {
            seen = progress(seen);
            pipeline.kill();
            recovery.add(round(pipeline.startAndAwaitRunning(STEP)));
        }
        progress(seen);
        figures.put("secondsToRunningAfterKill", recovery);
    }

    private void broker(int runs, Map<String, Object> figures) throws Exception {
        List<Double> down = new ArrayList<>();
        List<Integer> nodes = new ArrayList<>();
        List<Long> countedWhileDown = new ArrayList<>();
        long seen = pipeline.recordsIn();
        int first = random.nextInt(cluster.brokers());
        for (int r = 0; r < runs; r++) {
            seen = progress(seen);
            int node = 1 + (first + r) % cluster.brokers(); // consecutive runs kill different brokers
            long t0 = System.nanoTime();
            cluster.killBroker(node);
            if (cluster.brokers() > 1) { // replicated: the others must carry the load while this one is down
                long before = seen;
                seen = progress(seen);
                countedWhileDown.add(seen - before);
            }
            cluster.startBroker(node);
            down.add(round((System.nanoTime() - t0) / 1e9));
            nodes.add(node);
        }
        progress(seen);
        figures.put("brokerDownSeconds", down);
        if (cluster.brokers() > 1) {
            figures.put("brokersKilled", nodes);
            figures.put("recordsCountedWhileDown", countedWhileDown);
        }
        figures.put("pipelineRestartedByChaos", false);
    }

    private void registry(int runs, Map<String, Object> figures) throws Exception {
        long seen = pipeline.recordsIn();
        for (int r = 0; r < runs; r++) {
            seen = progress(seen);
            int run = ++registryRuns;
            int id = cluster.registry().register(Topics.ELECTRICITY + "-value", revisedSchema(run));
            cluster.stopRegistry();
            load.useWriterSchema(id, "chaos run " + run);
            LockSupport.parkNanos(Duration.ofSeconds(settings.registryDownSeconds()).toNanos()); // the fault: the registry is down this long
            long t0 = System.nanoTime();
            cluster.startRegistry();
            figures.put("registryStartSeconds", round((System.nanoTime() - t0) / 1e9));
            figures.put("writerSchemaId", id);
        }
        progress(seen);
        figures.put("registryDownSeconds", settings.registryDownSeconds());
    }

    private void wipe(int runs, Map<String, Object> figures) throws Exception {
        long seen = pipeline.recordsIn();
        for (int r = 0; r < runs; r++) {
            seen = progress(seen);
            pipeline.stop();
            figures.put("stateBytesWiped", pipeline.wipeState());
            long t0 = System.nanoTime();
            figures.put("restoreSecondsToRunning", round(pipeline.startAndAwaitRunning(STEP)));
            seen = progress(seen);
            figures.put("secondsUntilCountingAgain", round((System.nanoTime() - t0) / 1e9));
        }
    }

    private void race(int runs, Map<String, Object> figures) {
        long seen = pipeline.recordsIn();
        for (int r = 0; r < runs; r++) {
            for (int i = 0; i < 3; i++) {
                revisions++;
                load.reviseFactors(100 + 7 * revisions, actualMg);
                seen = progress(seen);
            }
        }
        figures.put("factorRevisions", revisions);
    }

    /** The electricity readings' schema plus a trailing string field {@code chaosFeedRevision<run>} (default ""). */
    static Schema revisedSchema(int run) {
        Schema current = TopicSetup.valueSchema(Topics.ELECTRICITY);
        List<Schema.Field> fields = new ArrayList<>();
        current.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        fields.add(new Schema.Field("chaosFeedRevision" + run, Schema.create(Schema.Type.STRING), "added by klimaflow chaos", ""));
        return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
    }

    static double round(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }
}
