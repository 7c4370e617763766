package dk.klimaflow.pipeline;

import dk.klimaflow.avro.DistrictHeatingReading;
import dk.klimaflow.domain.EnergyUnits;
import dk.klimaflow.domain.LocalCalendar;
import dk.klimaflow.domain.ReadingRules;
import dk.klimaflow.domain.RegisterSpreader;
import dk.klimaflow.domain.Rejection;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Read-only view for intake of the {@code heat-registers} store that {@link HeatRegisterProcessor} writes (key
 * {@code meterId|readAt} padded to 13 digits, value {@link HeatRegisterValue}): the nearest reading of a meter before and after
 * an instant, so that the heat register rules (no lower register without a replacement, the plausibility cap) can be checked against both neighbours before a reading is accepted; a reading
 * after the newest of a meter in the task's {@link HeatTails} memo is checked without a scan. Must follow any change of that
 * store's layout.
 */
final class HeatNeighbours {
    private final KeyValueStore<String, byte[]> registers;
    private final HeatTails tails;

    HeatNeighbours(KeyValueStore<String, byte[]> registers, HeatTails tails) {
        this.registers = registers;
        this.tails = tails;
    }

    private static String key(String meterId, long at) {
        return meterId + "|" + LocalCalendar.pad13(at);
    }

    /** The nearest reading of {@code meterId} strictly before (or after) {@code at}, or null. */
    RegisterSpreader.Reading nearest(String meterId, long at, boolean before) {
        var it = before ? registers.reverseRange(key(meterId, 0), key(meterId, at - 1))
                : registers.range(key(meterId, at + 1), key(meterId, 9_999_999_999_999L));
        try (it) {
            if (!it.hasNext()) {
                return null;
            }
            KeyValue<String, byte[]> kv = it.next();
            return HeatRegisterValue.fromBytes(kv.value).reading(time(kv.key));
        }
    }

    private static long time(String key) {
        return Long.parseLong(key.substring(key.lastIndexOf('|') + 1));
    }

    /**
     * The heat register rules of {@link ReadingRules#checkHeatSegment} against the reading before and the one after, for the
     * reading as it will stand at its instant (merged with a replacement event already stored there).
     */
    Rejection check(ReadingRules rules, DistrictHeatingReading reading) {
        long at = reading.getReadAt().toEpochMilli();
        long wh = EnergyUnits.registerToWh(reading.getEnergyRegister(), reading.getUnit());
        long sentAt = reading.getSentAt().toEpochMilli();
        HeatTails.Tail tail = tails.get(reading.getMeterId());
        long newest = tail == null ? Long.MAX_VALUE : time(tail.newest().key);
        boolean afterNewest = newest < at; // the memo is exact for its meters: nothing lies after the newest
        byte[] stored = afterNewest ? null : registers.get(key(reading.getMeterId(), at));
        RegisterSpreader.Reading self = HeatRegisterValue.apply(stored == null ? null : HeatRegisterValue.fromBytes(stored),
                reading.getEvent(), wh, sentAt).reading(at);
        RegisterSpreader.Reading before = afterNewest ? HeatRegisterValue.fromBytes(tail.newest().value).reading(newest)
                : nearest(reading.getMeterId(), at, true);
        Rejection r = before == null ? null : rules.checkHeatSegment(before, self);
        RegisterSpreader.Reading after = r != null || afterNewest ? null : nearest(reading.getMeterId(), at, false);
        return after == null ? r : rules.checkHeatSegment(self, after);
    }
}
