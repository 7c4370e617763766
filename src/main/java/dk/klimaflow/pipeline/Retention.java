package dk.klimaflow.pipeline;

import dk.klimaflow.domain.LocalCalendar;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Forgets per-metering-point state that lies before the correction horizon (nothing there can change any more: such readings
 * are TOO_OLD), so state on disk stays bounded by metering points x horizon rather than growing forever. Works on stores
 * keyed {@code id|<epoch millis>} (13 digits): deletes the keys of one id older than the cutoff, keeping the newest
 * {@code keep} of them (a heat meter keeps its last reading before the horizon as the start of the next segment). Since
 * forgotten state cannot be told apart from state never written, nothing may write before the {@link #cutoff} again: the
 * version store ignores quarter-hours that start before it (issue 8, defect 4).
 */
final class Retention {
    private final long horizonMs;

    Retention(long horizonMs) {
        this.horizonMs = horizonMs;
    }

    /** The correction horizon at wall-clock time {@code now}: a quarter-hour starting before it is closed for good. */
    long cutoff(long now) {
        return now - horizonMs;
    }

    <V> void prune(KeyValueStore<String, V> store, String idPrefix, long now, int keep) {
        long cutoff = now - horizonMs;
        if (cutoff <= 0) {
            return;
        }
        List<String> old = new ArrayList<>();
        try (var it = store.range(idPrefix + "0000000000000", idPrefix + LocalCalendar.pad13(cutoff - 1))) {
            it.forEachRemaining(kv -> old.add(kv.key));
        }
        for (int i = 0; i < old.size() - keep; i++) {
            store.delete(old.get(i));
        }
    }
}
