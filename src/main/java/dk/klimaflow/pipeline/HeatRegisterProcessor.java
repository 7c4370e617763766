package dk.klimaflow.pipeline;

import dk.klimaflow.avro.DistrictHeatingReading;
import dk.klimaflow.avro.MeteringPoint;
import dk.klimaflow.avro.Quality;
import dk.klimaflow.domain.EnergyUnits;
import dk.klimaflow.domain.Granularity;
import dk.klimaflow.domain.LocalCalendar;
import dk.klimaflow.domain.RegisterSpreader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns a heat meter's register readings into hourly energy. Keeps every reading of a meter (store {@code heat-registers},
 * key {@code meterId|readAt}, value {@link HeatRegisterValue}: register Wh + sentAt, and a meter replacement's final and start
 * registers; the latest sentAt wins for the same readAt) and, when a reading
 * arrives, recomputes the hours of the segments it touches with {@link RegisterSpreader} and forwards each hour as an
 * authoritative {@link IntervalValue}: a late reading between two others restates the hours it splits through the same
 * version path as an electricity correction. The common case, a reading newer than every other of its meter, is answered from
 * the task's {@link HeatTails} (the newest two readings per meter seen by this task) without range scans; anything else, or a
 * meter not in the memo (after a restart), takes the scans.
 */
final class HeatRegisterProcessor implements Processor<String, HeatRegisterProcessor.MeteredReadings, String, VersionInput> {
    static final String NAME = "heat-registers";

    /** Validated readings of one meter, {@code readAt} ascending (one reading, or a series), with its metering point. */
    record MeteredReadings(MeteringPoint meteringPoint, List<DistrictHeatingReading> readings) implements IntakeEdge {
    }

    /** How often silent meters are looked for (wall clock). */
    static final Duration SILENCE_CHECK = Duration.ofMinutes(1);

    private final Retention retention;
    private final HeatTails.PerTask memos;
    private final long silentAfterMs;
    private ProcessorContext<String, VersionInput> context;
    private KeyValueStore<String, byte[]> registers;
    private HeatNeighbours stored;
    private SilentHeatMeters silence;
    /** The newest readAt of any reading this processor took since init (the feed's clock for the silence check). */
    private long feedClock = Long.MIN_VALUE;
    private HeatTails tails;
    /** The meter and instant of the newest reading the current record made a meter's newest in a later hour, or null. */
    private String coveredMeter;
    private long coveredAt;

    /** {@code silentAfter}: see {@link SilentHeatMeters}; zero (the backfill pass) turns the silence check off. */
    HeatRegisterProcessor(Retention retention, HeatTails.PerTask memos, Duration silentAfter) {
        this.retention = retention;
        this.memos = memos;
        this.silentAfterMs = silentAfter.toMillis();
    }

    @Override
    public void init(ProcessorContext<String, VersionInput> context) {
        this.context = context;
        this.registers = context.getStateStore(StoreNames.HEAT_REGISTERS);
        this.tails = memos.of(context.taskId());
        this.stored = new HeatNeighbours(registers, tails);
        tails.clear();
        feedClock = Long.MIN_VALUE;
        this.silence = new SilentHeatMeters(context.getStateStore(StoreNames.HEAT_SILENCE), context.getStateStore(StoreNames.METERING_POINTS));
        if (silentAfterMs > 0) {
            context.schedule(SILENCE_CHECK, PunctuationType.WALL_CLOCK_TIME, this::markSilentMeters);
        }
    }

    /**
     * Forwards the hours of silent meters as MISSING versions (see {@link SilentHeatMeters}). Silence is judged against the
     * feed's own clock, the newest reading this task has taken from any meter (never ahead of the wall clock): a meter is
     * silent when the others have moved on without it. So a history being caught up, or a whole feed arriving late, marks
     * nothing (its readings are on their way), while one meter that stops among reporting ones is marked.
     */
    private void markSilentMeters(long now) {
        long clock = Math.min(now, feedClock);
        if (clock == Long.MIN_VALUE) {
            return; // no reading since init: nothing to judge silence against
        }
        for (KeyValue<String, List<IntervalValue>> meter : silence.missing(clock, retention.cutoff(now), silentAfterMs)) {
            context.forward(new Record<>(meter.key, new VersionInput.IntervalBatch(meter.value), now), IntervalVersionProcessor.NAME);
        }
    }

    private void covered(String meter, long at) {
        coveredMeter = meter;
        coveredAt = at;
    }

    /**
     * Applies the readings in order; the hours they restate are collected (a later recomputation of an hour replaces an
     * earlier one: it saw more readings) and forwarded as one batch, so a day-long series costs one version update per day.
     */
    @Override
    public void process(Record<String, MeteredReadings> record) {
        Map<Long, IntervalValue> hours = new java.util.TreeMap<>();
        coveredMeter = null;
        for (DistrictHeatingReading r : record.value().readings()) {
            apply(record.value().meteringPoint(), r, hours);
        }
        if (coveredMeter != null) { // the newest reading's hour, once per record (a series may extend it 24 times)
            silence.covered(coveredMeter, coveredAt);
        }
        if (!hours.isEmpty()) {
            context.forward(new Record<>(record.key(), new VersionInput.IntervalBatch(new ArrayList<>(hours.values())), record.timestamp()),
                    IntervalVersionProcessor.NAME);
        }
    }

    private void apply(MeteringPoint mp, DistrictHeatingReading r, Map<Long, IntervalValue> hours) {
        String meter = r.getMeterId();
        long at = r.getReadAt().toEpochMilli();
        long sentAt = r.getSentAt().toEpochMilli();
        long wh = EnergyUnits.registerToWh(r.getEnergyRegister(), r.getUnit());
        feedClock = Math.max(feedClock, at);
        HeatTails.Tail memo = tails.get(meter);
        byte[] atSame = memo != null && memo.newest().at() < at ? null : registers.get(HeatNeighbours.key(meter, at)); // the memo is exact
        HeatRegisterValue existing = atSame == null ? null : HeatRegisterValue.fromBytes(atSame);
        HeatRegisterValue merged = HeatRegisterValue.apply(existing, r.getEvent(), wh, sentAt);
        if (merged.equals(existing)) {
            return; // an older (or equally old) version of a reading already applied: the first one wins
        }
        byte[] value = merged.toBytes();
        registers.put(HeatNeighbours.key(meter, at), value);
        HeatTails.Tail tail = tails.remove(meter);
        boolean inOrder = tail != null && existing == null && tail.newest().at() < at
                && (tail.previous() == null || tail.previous().at() < LocalCalendar.floorHour(tail.newest().at()))
                && LocalCalendar.window(Granularity.DAY, tail.newest().at()).end() > at;
        if (!inOrder) { // a new day, or out of order: prune, and take the general path (which re-reads what pruning left)
            retention.prune(registers, meter + "|", context.currentSystemTimeMs(), 1);
        }
        if (existing != null && existing.reading(at).equals(merged.reading(at))) {
            return; // the same registers re-sent: a newer version, no new energy
        }
        if (inOrder) {
            if (LocalCalendar.ceilHour(at) > LocalCalendar.ceilHour(tail.newest().at())) {
                covered(meter, at);
            }
            tails.put(meter, new HeatTails.Tail(merged.reading(at), tail.newest()));
            spreadAfter(mp, tail, merged.reading(at), sentAt, hours);
            return;
        }
        if (existing == null && stored.nearest(meter, at, false) == null) { // now the newest: remember it and its predecessor
            RegisterSpreader.Reading prev = stored.nearest(meter, at, true);
            tails.put(meter, new HeatTails.Tail(merged.reading(at), prev));
            if (prev == null || LocalCalendar.ceilHour(at) > LocalCalendar.ceilHour(prev.at())) {
                covered(meter, at);
            }
        }
        HeatNeighbours.Segment segment = stored.segment(meter, at);
        if (segment != null) {
            spreadHours(mp, segment.readings(), segment.from(), segment.to(), sentAt, hours);
        }
    }

    /**
     * The in-order case: {@code at} follows the meter's newest reading {@code tail.newest} on the same local day, and the
     * reading before the newest lies before the newest's hour. Then the general path would collect exactly: that previous
     * reading (the nearest before the first hour), the newest, and the new one; they come from the memo.
     */
    private void spreadAfter(MeteringPoint mp, HeatTails.Tail tail, RegisterSpreader.Reading self, long sentAt, Map<Long, IntervalValue> hours) {
        long from = LocalCalendar.floorHour(tail.newest().at());
        long to = LocalCalendar.ceilHour(self.at());
        if (from == to) {
            return;
        }
        List<RegisterSpreader.Reading> readings = new ArrayList<>();
        if (tail.previous() != null) { // the nearest reading before the first hour: nothing lies between it and the newest
            readings.add(tail.previous());
        }
        readings.add(tail.newest());
        readings.add(self);
        spreadHours(mp, readings, from, to, sentAt, hours);
    }

    private void spreadHours(MeteringPoint mp, List<RegisterSpreader.Reading> readings, long from, long to, long sentAt,
            Map<Long, IntervalValue> hours) {
        from = Math.max(from, LocalCalendar.floorHour(retention.cutoff(context.currentSystemTimeMs()))); // hours before the horizon are closed
        java.util.Set<Long> spread = RegisterSpreader.spreadHours(readings, from, to);
        java.util.Set<Long> missing = RegisterSpreader.missingHours(readings, from, to);
        for (Map.Entry<Long, Long> hour : RegisterSpreader.hourly(readings, from, to).entrySet()) {
            boolean unmetered = missing.contains(hour.getKey());
            Quality quality = unmetered ? Quality.MISSING : spread.contains(hour.getKey()) ? Quality.ESTIMATED : Quality.MEASURED;
            hours.put(hour.getKey(), new IntervalValue(mp, hour.getKey(), 4, unmetered ? null : hour.getValue(), quality, sentAt, true));
        }
    }
}
