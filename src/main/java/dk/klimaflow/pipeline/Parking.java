package dk.klimaflow.pipeline;

import dk.klimaflow.avro.ParkedRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Readings whose metering point is not known yet, held as received (store {@code parked}, key
 * {@code meteringPointId|topic|partition|offset}, so a metering point's readings come back in arrival order). Bounded per task
 * by klimaflow.parking.max.records and, so that one utility (the reading's utilityId) cannot exhaust it for the others, by
 * klimaflow.parking.max.records.per.utility; a reading that finds its bound full is refused (intake dead-letters it as
 * PARKING_FULL). Entries older than klimaflow.parking.max.age are handed back for dead-lettering. Keeps the {@code parked}
 * counter of the ledger equal to the number of entries, and {@code parking.utility.<utilityId>} to each utility's share.
 */
final class Parking {
    /** The settings klimaflow.parking.max.age, .max.records and .max.records.per.utility. */
    record Limits(Duration maxAge, long maxRecords, long maxPerUtility) {
        static Limits of(dk.klimaflow.config.KlimaflowConfig config) {
            return new Limits(config.duration(dk.klimaflow.config.KlimaflowConfig.PARKING_MAX_AGE),
                    config.getLong(dk.klimaflow.config.KlimaflowConfig.PARKING_MAX_RECORDS),
                    config.getLong(dk.klimaflow.config.KlimaflowConfig.PARKING_MAX_RECORDS_PER_UTILITY));
        }

        /** How often expired entries are looked for: a tenth of the maximum age, at most a minute (a second for a zero age). */
        Duration sweepEvery() {
            Duration tenth = maxAge.dividedBy(10);
            Duration every = tenth.compareTo(Duration.ofMinutes(1)) < 0 ? tenth : Duration.ofMinutes(1);
            return every.isZero() ? Duration.ofSeconds(1) : every;
        }
    }

    static final String UTILITY_COUNTER = "parking.utility.";

    private final KeyValueStore<String, ParkedRecord> store;
    private final Counters counters;
    private final Limits limits;
    private final Function<ParkedRecord, String> utilityOf;

    /** {@code utilityOf} reads the utilityId of a parked record (it was decoded once already, so it decodes). */
    Parking(KeyValueStore<String, ParkedRecord> store, Counters counters, Limits limits, Function<ParkedRecord, String> utilityOf) {
        this.store = store;
        this.counters = counters;
        this.limits = limits;
        this.utilityOf = utilityOf;
    }

    /** Null when a reading of {@code utilityId} may park; else why not, for the dead-letter topic. */
    String refusal(String utilityId) {
        Long all = counters.get(Counters.PARKED);
        if (all != null && all >= limits.maxRecords()) {
            return "the parking is full (" + limits.maxRecords() + " records, setting klimaflow.parking.max.records)";
        }
        Long mine = counters.get(UTILITY_COUNTER + utilityId);
        if (mine != null && mine >= limits.maxPerUtility()) {
            return "utility " + utilityId + " already has " + mine + " readings parked (setting"
                    + " klimaflow.parking.max.records.per.utility): send the metering points first";
        }
        return null;
    }

    /** Parks a record of {@code utilityId}; the caller counts it as parked. */
    void park(String meteringPointId, String utilityId, ParkedRecord r) {
        store.put(meteringPointId + "|" + r.getSourceTopic() + "|" + r.getPartition() + "|" + String.format("%019d", r.getOffset()), r);
        counters.add(UTILITY_COUNTER + utilityId, 1);
    }

    /** Removes and returns the records parked for {@code meteringPointId}, oldest first. */
    List<ParkedRecord> release(String meteringPointId) {
        Long parked = counters.get(Counters.PARKED);
        if (parked == null || parked <= 0) {
            return List.of(); // nothing parked on this task (the common case): no scan for each metering point
        }
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
                if (kv.value.getParkedAt().toEpochMilli() + limits.maxAge().toMillis() <= now) {
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
            String utility = UTILITY_COUNTER + utilityOf.apply(kv.value);
            Long left = counters.get(utility);
            if (left == null || left <= 1) {
                counters.delete(utility);
            } else {
                counters.add(utility, -1);
            }
            out.add(kv.value);
        }
        return out;
    }
}
