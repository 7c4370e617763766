package dk.klimaflow.pipeline;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The part of this task's contribution to each aggregate window that is not yet published. Input: the per-record sums of
 * {@link WindowChanges} (key GRAN|municipality|sector|carrier|windowStart, value an additive {@link WindowDelta}). Store
 * {@code unpublished-changes} (same key; in memory, changelogged, a {@link WriteBehindStore}: a sum is serialised and
 * logged once per commit, not at every addition) holds one sum per window: every reading of every
 * metering point of that window since the last publication adds to it, so a day-long series costs a few in-memory additions
 * instead of 27 records through the broker. {@link #publish} (called right before every commit, and by a slow wall-clock
 * punctuator) forwards each non-zero sum to the aggregate-deltas topic and removes it, so the store is normally empty when it
 * commits and writes nothing. It still commits with the input offsets: should a sum be left at a commit, a crash loses and
 * repeats nothing, as the restored store holds the sum and the next publication sends it.
 */
final class UnpublishedChanges {
    private final KeyValueStore<String, WindowDelta> store;
    /** The store's content, read once when the processor is initialised (after a restart or an abort: from the restored store). */
    private final Map<String, WindowDelta> mirror = new HashMap<>();

    UnpublishedChanges(KeyValueStore<String, WindowDelta> store) {
        this.store = store;
        try (var it = store.all()) {
            it.forEachRemaining(kv -> mirror.put(kv.key, kv.value));
        }
    }

    /**
     * Adds {@code change} (not used by the caller afterwards) to the window's unpublished sum; a sum that comes back to zero is
     * dropped (nothing to publish). The store is written at once, so it commits with the input that caused the change.
     */
    void add(String windowKey, WindowDelta change) {
        WindowDelta sum = mirror.get(windowKey);
        if (sum == null) {
            sum = change;
            mirror.put(windowKey, sum);
        } else {
            sum.addAll(change); // in place: the mirror holds it already
        }
        if (sum.isZero()) {
            mirror.remove(windowKey);
            store.delete(windowKey);
        } else {
            store.put(windowKey, sum);
        }
    }

    boolean isEmpty() {
        return mirror.isEmpty();
    }

    /** Forwards every unpublished sum to {@code sink}, stamped {@code now}, and forgets it. */
    void publish(ProcessorContext<String, WindowDelta> context, String sink, long now) {
        for (Map.Entry<String, WindowDelta> e : mirror.entrySet()) {
            context.forward(new Record<>(e.getKey(), e.getValue(), now), sink);
            store.delete(e.getKey());
        }
        mirror.clear();
    }
}
