package dk.klimaflow.pipeline;

import dk.klimaflow.config.KlimaflowConfig;
import dk.klimaflow.registry.SchemaRegistry;
import dk.klimaflow.simulate.ConsumerLag;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * {@code klimaflow backfill}: runs the backfill {@link PipelinePass} until its inputs are drained, then stops. Input: the
 * backfill topics, the shared factors and the pass's own factor broadcast ({@link PipelinePass#sources()}); output: window
 * changes in the live pass's aggregate-deltas topic (the live pipeline publishes the aggregates) and dead letters. Drained
 * means: the pass's consumer group has committed everything a read_committed consumer can read on every source (its lag is
 * 0), and its store {@code unpublished-changes} is empty (every window change it holds has been forwarded; closing commits
 * it), twice in a row a few commit intervals apart. Run it again to take up later backfill imports or factor revisions of
 * backfilled years: it resumes from its committed offsets and state.
 */
public final class BackfillRun {
    private BackfillRun() {
    }

    /** The pass's ledger at the end ({@code ingest-counters}: in, accepted, parked, rejected.REASON) and whether it drained. */
    public record Result(boolean drained, Map<String, Long> counters, long lag) {
    }

    public static Result run(KlimaflowConfig liveConfig, SchemaRegistry registry, Duration timeout, PrintWriter progress) {
        KlimaflowConfig config = liveConfig.with(Map.of(KlimaflowConfig.MODE, "backfill"));
        PipelinePass pass = PipelinePass.of(config);
        long interval = Math.max(200, 5 * config.getLong(org.apache.kafka.streams.StreamsConfig.COMMIT_INTERVAL_MS_CONFIG));
        long deadline = System.nanoTime() + timeout.toNanos();
        try (PipelineApp app = PipelineApp.start(config, registry);
                ConsumerLag lag = new ConsumerLag(config.clientProperties(), pass.applicationId(), pass.sources())) {
            int quiet = 0;
            long left = -1;
            long lastReport = System.nanoTime();
            while (System.nanoTime() < deadline) {
                if (app.streams().state() == KafkaStreams.State.RUNNING) {
                    left = lag.records();
                    quiet = left == 0 && unpublished(app.streams()) == 0 ? quiet + 1 : 0;
                    if (quiet >= 2) {
                        return new Result(true, counters(app.streams()), 0);
                    }
                } else if (app.streams().state() == KafkaStreams.State.ERROR || app.streams().state() == KafkaStreams.State.NOT_RUNNING) {
                    throw new IllegalStateException("the backfill pass stopped (state " + app.streams().state() + "): see the log");
                }
                if (System.nanoTime() - lastReport > Duration.ofSeconds(5).toNanos()) {
                    progress.printf("backfill: %s records left on %s%n", left < 0 ? "?" : String.format("%,d", left), pass.sources());
                    progress.flush();
                    lastReport = System.nanoTime();
                }
                LockSupport.parkNanos(Duration.ofMillis(interval).toNanos()); // polling the group's lag: no event to wait for
            }
            return new Result(false, app.streams().state() == KafkaStreams.State.RUNNING ? counters(app.streams()) : Map.of(), left);
        }
    }

    /** Window changes not yet forwarded; -1 while the stores are not queryable (a rebalance or restore). */
    private static long unpublished(KafkaStreams streams) {
        long n = 0;
        try (var it = local(streams, StoreNames.UNPUBLISHED_CHANGES).all()) {
            while (it.hasNext()) {
                it.next();
                n++;
            }
        } catch (org.apache.kafka.streams.errors.InvalidStateStoreException e) {
            return -1;
        }
        return n;
    }

    private static Map<String, Long> counters(KafkaStreams streams) {
        Map<String, Long> sum = new TreeMap<>();
        ReadOnlyKeyValueStore<String, Object> store = local(streams, StoreNames.COUNTERS);
        try (var it = store.all()) {
            it.forEachRemaining(kv -> sum.merge(kv.key, ((Number) kv.value).longValue(), Long::sum));
        }
        return sum;
    }

    private static <V> ReadOnlyKeyValueStore<String, V> local(KafkaStreams streams, String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
    }
}
