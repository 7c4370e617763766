package dk.klimaflow.pipeline;

import dk.klimaflow.avro.MeteringPoint;
import dk.klimaflow.domain.Granularity;
import dk.klimaflow.domain.LocalCalendar;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Whether a quarter-hour is its metering point's first interval in its hour, day, month and year (the meteringPoints count
 * of the aggregates). Hours and days are answered from the metering point's {@link DayVersions}; months and years from store
 * {@code presence} (key {@code meteringPointId|MONTH|windowStart} or {@code ...|YEAR|...}, value a versioned mark), read
 * once per window and input record through a memo that {@link #newRecord()} clears. Used by
 * {@link IntervalVersionProcessor} only.
 */
final class PresenceMarks {
    private static final int Q_PER_HOUR = 4;
    private static final Granularity[] STORED = {Granularity.MONTH, Granularity.YEAR};

    /** A presence mark, format 1: the format byte alone. The legacy layout (before formats were versioned) was the long 1. */
    static final byte[] PRESENT_V1 = {1};
    private static final int LEGACY_PRESENT_LENGTH = 8;

    private final KeyValueStore<String, byte[]> presence;
    /** Marks looked up or set for the current input record (one metering point), by granularity and window start. */
    private final Map<Long, Boolean> seen = new HashMap<>();
    /** The month and year window starts of the local day {@code memoDay}: a day lies in one month and one year. */
    private long memoDay = Long.MIN_VALUE;
    private final long[] memoWindows = new long[Granularity.values().length];

    PresenceMarks(KeyValueStore<String, byte[]> presence) {
        this.presence = presence;
    }

    /** Forgets the memo of the previous input record (another metering point, or marks pruned since). */
    void newRecord() {
        seen.clear();
    }

    /** +1 per granularity in which this slot (of the local day starting {@code dayStart}) would be the metering point's first interval. */
    long[] firstAppearance(MeteringPoint mp, DayVersions day, int slot, long dayStart) {
        long[] first = new long[4];
        if (day.present(slot)) {
            return first;
        }
        int hourFirstSlot = slot - Math.floorMod(slot, Q_PER_HOUR);
        first[Granularity.HOUR.ordinal()] = day.anyPresent(hourFirstSlot, hourFirstSlot + Q_PER_HOUR) ? 0 : 1;
        first[Granularity.DAY.ordinal()] = day.anyPresent(0, day.slots()) ? 0 : 1;
        first[Granularity.MONTH.ordinal()] = present(mp, Granularity.MONTH, dayStart) ? 0 : 1;
        first[Granularity.YEAR.ordinal()] = present(mp, Granularity.YEAR, dayStart) ? 0 : 1;
        return first;
    }

    /** Stores the month and year marks that {@code first} (from {@link #firstAppearance}) says are new. */
    void markPresent(MeteringPoint mp, long[] first, long dayStart) {
        for (Granularity g : STORED) {
            if (first[g.ordinal()] == 1) {
                long start = windowOf(g, dayStart);
                presence.put(key(mp, g, start), PRESENT_V1);
                seen.put(seenKey(g, start), true);
            }
        }
    }

    /** Drops the metering point's marks of windows before the retention horizon (the one across it stays). */
    void prune(Retention retention, String meteringPointId, long now) {
        retention.prune(presence, meteringPointId + "|" + Granularity.MONTH + "|", now, 1);
        retention.prune(presence, meteringPointId + "|" + Granularity.YEAR + "|", now, 1);
    }

    static boolean isPresent(byte[] mark) {
        if (mark == null) {
            return false;
        }
        StateFormats.expect(StoreNames.PRESENCE, mark, mark.length == LEGACY_PRESENT_LENGTH || mark.length == 1 && mark[0] == PRESENT_V1[0], PRESENT_V1[0]);
        return true;
    }

    private boolean present(MeteringPoint mp, Granularity g, long dayStart) {
        long start = windowOf(g, dayStart);
        return seen.computeIfAbsent(seenKey(g, start), k -> isPresent(presence.get(key(mp, g, start))));
    }

    private long windowOf(Granularity g, long dayStart) {
        if (dayStart != memoDay) {
            memoDay = dayStart;
            memoWindows[Granularity.MONTH.ordinal()] = LocalCalendar.window(Granularity.MONTH, dayStart).start();
            memoWindows[Granularity.YEAR.ordinal()] = LocalCalendar.window(Granularity.YEAR, dayStart).start();
        }
        return memoWindows[g.ordinal()];
    }

    private static long seenKey(Granularity g, long windowStart) {
        return windowStart * 2 + (g == Granularity.YEAR ? 1 : 0); // the parity tells a year from the month it starts with
    }

    /** The store key of a presence mark: metering point, granularity and the window's start (epoch ms). */
    private static String key(MeteringPoint mp, Granularity g, long windowStart) {
        return mp.getId() + "|" + g + "|" + windowStart;
    }
}
