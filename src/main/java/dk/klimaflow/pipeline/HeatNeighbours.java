package dk.klimaflow.pipeline;

import dk.klimaflow.avro.DistrictHeatingReading;
import dk.klimaflow.domain.EnergyUnits;
import dk.klimaflow.domain.LocalCalendar;
import dk.klimaflow.domain.ReadingRules;
import dk.klimaflow.domain.RegisterSpreader;
import dk.klimaflow.domain.Rejection;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Read view of the {@code heat-registers} store that {@link HeatRegisterProcessor} writes (key {@link #key} {@code
 * meterId|readAt} padded to 13 digits, value {@link HeatRegisterValue}): the nearest reading of a meter before and after an
 * instant and the readings between two, for that processor's re-split and for intake, so that the heat register rules (no lower register without a replacement, the plausibility cap) can be checked against both neighbours before a reading is accepted; a reading
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

    private static final long MAX_TIME = 9_999_999_999_998L;

    static String key(String meterId, long at) {
        return meterId + "|" + LocalCalendar.pad13(at);
    }

    /** The hours {@code [from, to)} a reading re-splits, and the readings that decide them (see {@link #segment}). */
    record Segment(List<RegisterSpreader.Reading> readings, long from, long to) {
    }

    /**
     * The segment a stored reading at {@code at} touches: from the hour of its predecessor to the end of its successor's hour,
     * with the nearest reading before that first hour, every reading within, and the nearest after it; null when the range
     * is empty.
     */
    Segment segment(String meterId, long at) {
        RegisterSpreader.Reading before = nearest(meterId, at, true);
        RegisterSpreader.Reading after = nearest(meterId, at, false);
        long from = LocalCalendar.floorHour(before == null ? at : before.at());
        long to = LocalCalendar.ceilHour(after == null ? at : after.at());
        if (from == to) {
            return null;
        }
        List<RegisterSpreader.Reading> readings = new ArrayList<>();
        RegisterSpreader.Reading first = nearest(meterId, from, true);
        if (first != null) {
            readings.add(first);
        }
        readings.addAll(between(meterId, from, to));
        RegisterSpreader.Reading last = nearest(meterId, to, false);
        if (last != null) {
            readings.add(last);
        }
        return new Segment(readings, from, to);
    }

    /** The nearest reading of {@code meterId} strictly before (or after) {@code at}, or null. */
    RegisterSpreader.Reading nearest(String meterId, long at, boolean before) {
        var it = before ? registers.reverseRange(key(meterId, 0), key(meterId, at - 1))
                : registers.range(key(meterId, at + 1), key(meterId, MAX_TIME + 1));
        try (it) {
            if (!it.hasNext()) {
                return null;
            }
            KeyValue<String, byte[]> kv = it.next();
            return HeatRegisterValue.fromBytes(kv.value).reading(time(kv.key));
        }
    }

    /** The readings of {@code meterId} from {@code from} to {@code to}, both inclusive, in time order. */
    List<RegisterSpreader.Reading> between(String meterId, long from, long to) {
        List<RegisterSpreader.Reading> readings = new ArrayList<>();
        try (var it = registers.range(key(meterId, from), key(meterId, to))) {
            it.forEachRemaining(kv -> readings.add(HeatRegisterValue.fromBytes(kv.value).reading(time(kv.key))));
        }
        return readings;
    }

    private static long time(String key) {
        return Long.parseLong(key.substring(key.lastIndexOf('|') + 1));
    }

    /**
     * The heat register rules of {@link ReadingRules#checkHeatSegment} for every segment that {@code readings} (one meter's,
     * {@code readAt} strictly ascending: a single reading or a series) create, with each other and with the meter's stored
     * readings: each reading, as it will stand at its instant (merged with a replacement event already stored there), against
     * the nearer of its stored neighbour and its neighbour in the list, on both sides. A list after the meter's newest reading
     * (from the {@link HeatTails} memo, or one seek when the meter is not in it: the bulk case) needs no other store read.
     */
    Rejection check(ReadingRules rules, List<DistrictHeatingReading> readings) {
        String meter = readings.get(0).getMeterId();
        HeatTails.Tail tail = tails.get(meter);
        RegisterSpreader.Reading last = tail != null ? tail.newest()
                : nearest(meter, MAX_TIME + 1, true); // not in the memo: one seek finds the meter's newest stored reading
        // the memo and that seek are exact: nothing lies after the newest
        boolean appended = last == null || last.at() < readings.get(0).getReadAt().toEpochMilli();
        List<RegisterSpreader.Reading> selves = new ArrayList<>(readings.size());
        for (DistrictHeatingReading reading : readings) {
            long at = reading.getReadAt().toEpochMilli();
            byte[] stored = appended ? null : registers.get(key(meter, at));
            selves.add(HeatRegisterValue.apply(stored == null ? null : HeatRegisterValue.fromBytes(stored), reading.getEvent(),
                    EnergyUnits.registerToWh(reading.getEnergyRegister(), reading.getUnit()), reading.getSentAt().toEpochMilli()).reading(at));
        }
        for (int i = 0; i < selves.size(); i++) {
            RegisterSpreader.Reading self = selves.get(i);
            RegisterSpreader.Reading before = i > 0 ? selves.get(i - 1) : null;
            if (appended && i == 0) {
                before = last;
            } else if (!appended) {
                RegisterSpreader.Reading stored = nearest(meter, self.at(), true);
                before = stored != null && (before == null || stored.at() > before.at()) ? stored : before;
            }
            Rejection r = before == null ? null : rules.checkHeatSegment(before, self);
            if (r != null) {
                return r;
            }
            RegisterSpreader.Reading after = appended ? null : nearest(meter, self.at(), false);
            boolean storedNearer = after != null && (i + 1 == selves.size() || after.at() < selves.get(i + 1).at());
            r = storedNearer ? rules.checkHeatSegment(self, after) : null; // the next in the list is checked as its "before"
            if (r != null) {
                return r;
            }
        }
        return null;
    }
}
