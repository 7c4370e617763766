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
 * marks the first appearance of a metering point in each hour, day, month and year ({@link PresenceMarks}) for the
 * meteringPoints count. Quarter-hours before the correction horizon are ignored (closed), and a
 * metering point's tombstone is remembered (store {@code retired-metering-points}) so that its history moves if it returns
 * with other master data. Input keyed by metering point id; output to {@link FactorCellProcessor}.
 */
final class IntervalVersionProcessor implements Processor<String, VersionInput, String, CellInput> {
    static final String NAME = "interval-versions";

    private final Retention retention;
    private ProcessorContext<String, CellInput> context;
    private KeyValueStore<String, byte[]> versions;
    private PresenceMarks presence;
    private KeyValueStore<String, MeteringPoint> retired;
    private Counters counters;

    IntervalVersionProcessor(Retention retention) {
        this.retention = retention;
    }

    @Override
    public void init(ProcessorContext<String, CellInput> context) {
        this.context = context;
        this.versions = context.getStateStore(StoreNames.INTERVAL_VERSIONS);
        this.presence = new PresenceMarks(context.getStateStore(StoreNames.PRESENCE));
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
        presence.newRecord();
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
                long[] first = presence.firstAppearance(mp, day, slot, dayStart);
                DayVersions.Change c = day.apply(slot, wh, v.quality(), v.sentAt(), v.authoritative());
                if (c == null) {
                    continue;
                }
                if (c.restates()) {
                    counters.add(Counters.RESTATEMENTS, 1);
                } else {
                    presence.markPresent(mp, first, dayStart);
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
            presence.prune(retention, meteringPointId, now);
        }
        if (!deltas.isEmpty()) {
            context.forward(new Record<>(meteringPointId, new CellInput.SlotDeltas(deltas), timestamp), FactorCellProcessor.NAME);
        }
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
