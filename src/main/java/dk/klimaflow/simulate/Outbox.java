package dk.klimaflow.simulate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import java.time.Instant;
import java.util.Comparator;
import java.util.PriorityQueue;
import org.apache.avro.specific.SpecificRecord;

/**
 * The simulator's way out: sends to the {@link FeedSink} while counting per topic in {@link SimulationStats}, and holds
 * actions due at a later simulated time (late records, corrections, fills of missing points, metering points published
 * late, and in live mode an hour's readings spread over the following time, see {@link #hold}), run in (due, scheduling
 * order) order so runs are deterministic.
 */
final class Outbox {
    private record Pending(Instant due, long seq, Runnable action) {
    }

    private final FeedSink sink;
    private final SimulationStats stats;
    private final PriorityQueue<Pending> pending =
            new PriorityQueue<>(Comparator.comparing(Pending::due).thenComparingLong(Pending::seq));
    private long seq;
    /** While an hour's readings are held to be spread ({@link #hold}): their sends, in order; null otherwise. */
    private List<Runnable> held;
    private Set<String> heldTopics = Set.of();

    Outbox(FeedSink sink, SimulationStats stats) {
        this.sink = sink;
        this.stats = stats;
    }

    void send(String topic, String key, SpecificRecord value) {
        if (held != null && heldTopics.contains(topic)) {
            held.add(() -> send(topic, key, value));
            return;
        }
        sink.send(topic, key, value);
        stats.sent(topic, value);
    }

    void sendRaw(String topic, byte[] key, byte[] value) {
        if (held != null && heldTopics.contains(topic)) {
            held.add(() -> sendRaw(topic, key, value));
            return;
        }
        sink.sendRaw(topic, key, value);
        stats.sent(topic);
    }

    /** From now on, sends to {@code topics} are held, in order, until {@link #release}. */
    void hold(Set<String> topics) {
        held = new ArrayList<>();
        heldTopics = topics;
    }

    /** Stops holding and schedules the held sends evenly over [from, from + spread): the k-th of n at from + spread x k / n. */
    void release(Instant from, Duration spread) {
        List<Runnable> sends = held;
        held = null;
        for (int k = 0; k < sends.size(); k++) {
            later(from.plusNanos(spread.toNanos() / sends.size() * k), sends.get(k));
        }
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
