package dk.klimaflow.pipeline;

import dk.klimaflow.avro.MeteringPoint;
import dk.klimaflow.avro.Quality;
import dk.klimaflow.domain.Granularity;
import dk.klimaflow.domain.LocalCalendar;
import dk.klimaflow.domain.QuarterHours;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the latest version of every quarter-hour per metering point (store {@code interval-versions}, one packed
 * {@link DayVersions} per metering point and local day) and turns each new version into a {@link SlotDelta}: new minus old
 * energy and quality buckets, so identical re-sends give nothing and a correction restates exactly what it changes. Also
 * marks the first appearance of a metering point in each hour, day, month and year (months and years in store
 * {@code presence}) for the meteringPoints count. Quarter-hours before the correction horizon are ignored (closed), and a
 * metering point's tombstone is remembered (store {@code retired-metering-points}) so that its history moves if it returns
 * with other master data. Input keyed by metering point id; output to {@link FactorCellProcessor}.
 */
final class IntervalVersionProcessor implements Processor<String, VersionInput, String, CellInput> {
    static final String NAME = "interval-versions";
    private static final int Q_PER_HOUR = 4;

    private final Retention retention;
    private ProcessorContext<String, CellInput> context;
    private KeyValueStore<String, byte[]> versions;
    private KeyValueStore<String, byte[]> presence;
    private KeyValueStore<String, MeteringPoint> retired;
    private Counters counters;

    IntervalVersionProcessor(Retention retention) {
        this.retention = retention;
    }

    @Override
    public void init(ProcessorContext<String, CellInput> context) {
        this.context = context;
        this.versions = context.getStateStore(StoreNames.INTERVAL_VERSIONS);
        this.presence = context.getStateStore(StoreNames.PRESENCE);
        this.retired = context.getStateStore(StoreNames.RETIRED_METERING_POINTS);
        this.counters = new Counters(context.getStateStore(StoreNames.COUNTERS));
    }

    @Override
    public void process(Record<String, VersionInput> record) {
        if (record.value() instanceof Reattribution change) {
            Reattribution move = masterData(record.key(), change);
            if (move == null) {
                return;
            }
            List<SlotDelta> deltas = move.moves(versions);
            counters.add(Counters.RESTATEMENTS, deltas.size() / 2);
            if (!deltas.isEmpty()) {
                context.forward(new Record<>(record.key(), new CellInput.SlotDeltas(deltas), record.timestamp()), FactorCellProcessor.NAME);
            }
        } else if (record.value() instanceof VersionInput.IntervalBatch batch) {
            apply(record.key(), batch.values(), record.timestamp());
        }
    }

    /**
     * The move a master-data change asks for, or null. A tombstone remembers where the history is counted (store
     * {@code retired-metering-points}); a metering point arriving unknown is checked against it, so one that comes back with
     * another attribution moves its history like a re-classification (issue 8, defect 5).
     */
    private Reattribution masterData(String meteringPointId, Reattribution change) {
        if (change.after() == null) {
            retired.put(meteringPointId, change.before());
            return null;
        }
        if (change.before() != null) {
            return change;
        }
        MeteringPoint last = retired.get(meteringPointId);
        if (last == null) {
            return null;
        }
        retired.delete(meteringPointId);
        return Reattribution.needed(last, change.after()) ? new Reattribution(last, change.after()) : null;
    }

    /** Applies the intervals of one input record (one time series, or the hours one heat reading re-splits) as one batch. */
    private void apply(String meteringPointId, List<IntervalValue> values, long timestamp) {
        presenceSeen.clear();
        Map<String, DayVersions> days = new HashMap<>();
        boolean[] newDay = new boolean[1];
        List<SlotDelta> deltas = new ArrayList<>();
        long cutoff = retention.cutoff(context.currentSystemTimeMs());
        MeteringPoint lastMp = null; // a series' values share one day: its key is built and looked up once
        long lastDayStart = Long.MIN_VALUE;
        DayVersions dayOf = null;
        for (IntervalValue v : values) {
            MeteringPoint mp = v.meteringPoint();
            long dayStart = LocalCalendar.window(Granularity.DAY, v.start()).start();
            if (mp != lastMp || dayStart != lastDayStart) {
                lastMp = mp;
                lastDayStart = dayStart;
                dayOf = days.computeIfAbsent(mp.getId() + "|" + dayStart, k -> {
                    byte[] stored = versions.get(k);
                    newDay[0] |= stored == null;
                    return stored == null ? new DayVersions(LocalCalendar.quartersInDay(dayStart)) : DayVersions.fromBytes(stored);
                });
            }
            DayVersions day = dayOf;
            for (int i = 0; i < v.quarters(); i++) {
                long slotStart = v.start() + i * LocalCalendar.QUARTER_MS;
                if (slotStart < cutoff) {
                    continue; // closed: its day may be forgotten, and must not come back as a first version (a heat re-split)
                }
                int slot = (int) ((slotStart - dayStart) / LocalCalendar.QUARTER_MS);
                Long wh = v.energyWh() == null ? null : QuarterHours.share(v.energyWh(), i, v.quarters());
                long[] first = firstAppearance(mp, day, slot, dayStart);
                DayVersions.Change c = day.apply(slot, wh, v.quality(), v.sentAt(), v.authoritative());
                if (c == null) {
                    continue;
                }
                if (c.restates()) {
                    counters.add(Counters.RESTATEMENTS, 1);
                } else {
                    markPresent(mp, first, dayStart);
                }
                deltas.add(delta(mp, slotStart, c, c.restates() ? new long[4] : first, v.sentAt()));
            }
        }
        boolean written = false;
        for (Map.Entry<String, DayVersions> day : days.entrySet()) {
            if (day.getValue().dirty()) { // content changed, or an identical re-send raised a sentAt
                versions.put(day.getKey(), day.getValue().toBytes());
                written = true;
            }
        }
        if (newDay[0] && written) { // only a new day can push an old one past the horizon: prune then, not per record
            long now = context.currentSystemTimeMs();
            retention.prune(versions, meteringPointId + "|", now, 1); // the day across the horizon stays
            retention.prune(presence, meteringPointId + "|" + Granularity.MONTH + "|", now, 1);
            retention.prune(presence, meteringPointId + "|" + Granularity.YEAR + "|", now, 1);
        }
        if (!deltas.isEmpty()) {
            context.forward(new Record<>(meteringPointId, new CellInput.SlotDeltas(deltas), timestamp), FactorCellProcessor.NAME);
        }
    }

    /** +1 per granularity in which this slot (of the local day starting {@code dayStart}) would be the metering point's first interval. */
    private long[] firstAppearance(MeteringPoint mp, DayVersions day, int slot, long dayStart) {
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

    /**
     * Presence marks looked up or set while applying the current input record (one metering point), by granularity and window
     * start, so a series asks the store once per window and builds no key per quarter-hour.
     */
    private final Map<Long, Boolean> presenceSeen = new HashMap<>();
    /** The month and year window starts of the local day {@code memoDay}: a day lies in one month and one year. */
    private long memoDay = Long.MIN_VALUE;
    private final long[] memoWindows = new long[Granularity.values().length];

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

    private boolean present(MeteringPoint mp, Granularity g, long dayStart) {
        long start = windowOf(g, dayStart);
        return presenceSeen.computeIfAbsent(seenKey(g, start), k -> isPresent(presence.get(presenceKey(mp, g, start))));
    }

    private void markPresent(MeteringPoint mp, long[] first, long dayStart) {
        for (Granularity g : PRESENCE_GRANULARITIES) {
            if (first[g.ordinal()] == 1) {
                long start = windowOf(g, dayStart);
                presence.put(presenceKey(mp, g, start), PRESENT_V1);
                presenceSeen.put(seenKey(g, start), true);
            }
        }
    }

    private static final Granularity[] PRESENCE_GRANULARITIES = {Granularity.MONTH, Granularity.YEAR};

    /** A presence mark, format 1: the format byte alone. The legacy layout (before formats were versioned) was the long 1. */
    static final byte[] PRESENT_V1 = {1};
    private static final int LEGACY_PRESENT_LENGTH = 8;

    static boolean isPresent(byte[] mark) {
        if (mark == null) {
            return false;
        }
        StateFormats.expect(StoreNames.PRESENCE, mark, mark.length == LEGACY_PRESENT_LENGTH || mark.length == 1 && mark[0] == PRESENT_V1[0], PRESENT_V1[0]);
        return true;
    }

    /** The store key of a presence mark: metering point, granularity and the window's start (epoch ms). */
    private static String presenceKey(MeteringPoint mp, Granularity g, long windowStart) {
        return mp.getId() + "|" + g + "|" + windowStart;
    }

    private static SlotDelta delta(MeteringPoint mp, long slotStart, DayVersions.Change c, long[] first, long sentAt) {
        long measured = bucket(c.qualityAfter(), c.whAfter(), Quality.MEASURED) - bucket(c.qualityBefore(), c.whBefore(), Quality.MEASURED);
        long estimated = bucket(c.qualityAfter(), c.whAfter(), Quality.ESTIMATED) + bucket(c.qualityAfter(), c.whAfter(), Quality.CALCULATED)
                - bucket(c.qualityBefore(), c.whBefore(), Quality.ESTIMATED) - bucket(c.qualityBefore(), c.whBefore(), Quality.CALCULATED);
        long missing = (c.qualityAfter() == Quality.MISSING.ordinal() ? 1 : 0) - (c.qualityBefore() == Quality.MISSING.ordinal() ? 1 : 0);
        long before = c.qualityBefore() == DayVersions.ABSENT ? 0 : c.whBefore();
        return new SlotDelta(mp, slotStart, c.whAfter() - before, measured, estimated, missing, first, c.restates(), sentAt);
    }

    private static long bucket(byte quality, long wh, Quality q) {
        return quality == q.ordinal() ? wh : 0;
    }
}
