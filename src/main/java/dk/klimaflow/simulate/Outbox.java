package dk.klimaflow.simulate;

import java.time.Instant;
import java.util.Comparator;
import java.util.PriorityQueue;
import org.apache.avro.specific.SpecificRecord;

/**
 * The simulator's way out: sends to the {@link FeedSink} while counting per topic in {@link SimulationStats}, and holds
 * actions due at a later simulated time (late records, corrections, fills of missing points, metering points published
 * late), run in (due, scheduling order) order so runs are deterministic.
 */
final class Outbox {
    private record Pending(Instant due, long seq, Runnable action) {
    }

    private final FeedSink sink;
    private final SimulationStats stats;
    private final PriorityQueue<Pending> pending =
            new PriorityQueue<>(Comparator.comparing(Pending::due).thenComparingLong(Pending::seq));
    private long seq;

    Outbox(FeedSink sink, SimulationStats stats) {
        this.sink = sink;
        this.stats = stats;
    }

    void send(String topic, String key, SpecificRecord value) {
        sink.send(topic, key, value);
        stats.sent(topic, value);
    }

    void sendRaw(String topic, byte[] key, byte[] value) {
        sink.sendRaw(topic, key, value);
        stats.sent(topic);
    }

    void later(Instant due, Runnable action) {
        pending.add(new Pending(due, seq++, action));
    }

    /** Runs every action due at or before {@code now}, including ones those actions schedule. */
    void runDue(Instant now) {
        while (!pending.isEmpty() && !pending.peek().due().isAfter(now)) {
            pending.poll().action().run();
        }
    }

    /** Runs every pending action, however far ahead it is due. */
    void runAll() {
        while (!pending.isEmpty()) {
            pending.poll().action().run();
        }
    }

    int pending() {
        return pending.size();
    }

    void flush() {
        sink.flush();
    }
}
