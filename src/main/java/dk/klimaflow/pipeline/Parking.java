package dk.klimaflow.pipeline;

import dk.klimaflow.avro.ParkedRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Readings whose metering point is not known yet, held as received (store {@code parked}, key
 * {@code meteringPointId|topic|partition|offset}, so a metering point's readings come back in arrival order). Bounded by
 * klimaflow.parking.max.records; entries older than klimaflow.parking.max.age are handed back for dead-lettering. Keeps the
 * {@code parked} counter of the ledger equal to the number of entries.
 */
final class Parking {
    private final KeyValueStore<String, ParkedRecord> store;
    private final Counters counters;
    private final long maxRecords;
    private final Duration maxAge;

    Parking(KeyValueStore<String, ParkedRecord> store, Counters counters, long maxRecords, Duration maxAge) {
        this.store = store;
        this.counters = counters;
        this.maxRecords = maxRecords;
        this.maxAge = maxAge;
    }

    boolean full() {
        Long now = counters.get(Counters.PARKED);
        return now != null && now >= maxRecords;
    }

    /** Parks a record; the caller counts it as parked. */
    void park(String meteringPointId, ParkedRecord r) {
        store.put(meteringPointId + "|" + r.getSourceTopic() + "|" + r.getPartition() + "|" + String.format("%019d", r.getOffset()), r);
    }

    /** Removes and returns the records parked for {@code meteringPointId}, oldest first. */
    List<ParkedRecord> release(String meteringPointId) {
        List<KeyValue<String, ParkedRecord>> waiting = new ArrayList<>();
        try (var it = store.prefixScan(meteringPointId + "|", new StringSerializer())) {
            it.forEachRemaining(waiting::add);
        }
        return remove(waiting);
    }

    /** Removes and returns the records parked longer than the maximum age. */
    List<ParkedRecord> expire(long now) {
        List<KeyValue<String, ParkedRecord>> expired = new ArrayList<>();
        try (var it = store.all()) {
            it.forEachRemaining(kv -> {
                if (kv.value.getParkedAt().toEpochMilli() + maxAge.toMillis() <= now) {
                    expired.add(kv);
                }
            });
        }
        return remove(expired);
    }

    private List<ParkedRecord> remove(List<KeyValue<String, ParkedRecord>> entries) {
        List<ParkedRecord> out = new ArrayList<>();
        for (var kv : entries) {
            store.delete(kv.key);
            counters.add(Counters.PARKED, -1);
            out.add(kv.value);
        }
        return out;
    }
}
