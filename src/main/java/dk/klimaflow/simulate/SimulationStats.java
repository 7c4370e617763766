package dk.klimaflow.simulate;

import dk.klimaflow.avro.DistrictHeatingReading;
import dk.klimaflow.avro.DistrictHeatingSeries;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.avro.specific.SpecificRecord;

/**
 * What a simulation has sent so far: records per topic (Avro and raw; a DistrictHeatingSeries is one record), heat-meter
 * readings (each DistrictHeatingReading, alone or inside a series), anomalies by {@link Event}, bad records by
 * {@link BadRecordKind}, simulated hours and the simulated clock. Thread-safe: the simulator updates it while the demo reads
 * it; {@link #summary()} is a few lines for the console.
 */
public final class SimulationStats {

    /** Anomalies and notable events in the sent data. */
    public enum Event {
        DUPLICATE, CORRECTION, LATE, MISSING, MISSING_FILLED, ESTIMATED, METER_REPLACEMENT, METERING_POINT_PUBLISHED_LATE
    }

    private final Map<String, LongAdder> perTopic = new ConcurrentHashMap<>();
    private final Map<Event, LongAdder> events = new EnumMap<>(Event.class);
    private final Map<BadRecordKind, LongAdder> bad = new EnumMap<>(BadRecordKind.class);
    private final LongAdder heatReadings = new LongAdder();
    private final LongAdder simulatedHours = new LongAdder();
    private volatile Instant simulatedNow;

    public SimulationStats() {
        for (Event e : Event.values()) {
            events.put(e, new LongAdder());
        }
        for (BadRecordKind k : BadRecordKind.values()) {
            bad.put(k, new LongAdder());
        }
    }

    void sent(String topic) { perTopic.computeIfAbsent(topic, t -> new LongAdder()).increment(); }

    /** One record sent to {@code topic}; the heat readings it carries are counted too. */
    void sent(String topic, SpecificRecord value) {
        sent(topic);
        if (value instanceof DistrictHeatingReading) {
            heatReadings.increment();
        } else if (value instanceof DistrictHeatingSeries s) {
            heatReadings.add(s.getReadings().size());
        }
    }

    void event(Event e) { events.get(e).increment(); }

    void bad(BadRecordKind kind) { bad.get(kind).increment(); }

    void hoursDone(int hours, Instant now) {
        simulatedHours.add(hours);
        simulatedNow = now;
    }

    /** Records sent to {@code topic}, including duplicates and bad records. */
    public long records(String topic) {
        LongAdder n = perTopic.get(topic);
        return n == null ? 0 : n.sum();
    }

    /** Records sent per topic, sorted by topic. */
    public Map<String, Long> recordsPerTopic() {
        Map<String, Long> out = new TreeMap<>();
        perTopic.forEach((t, n) -> out.put(t, n.sum()));
        return out;
    }

    /**
     * Heat-meter readings sent: each DistrictHeatingReading sent alone plus each reading inside a DistrictHeatingSeries
     * (ordinary readings, meter replacement events, late readings and duplicates alike; not the deliberately malformed raw
     * records): the heat records an hour-by-hour delivery would have sent.
     */
    public long heatReadings() { return heatReadings.sum(); }

    public long totalRecords() { return perTopic.values().stream().mapToLong(LongAdder::sum).sum(); }

    public long count(Event e) { return events.get(e).sum(); }

    public long badRecords(BadRecordKind kind) { return bad.get(kind).sum(); }

    public long badRecords() { return bad.values().stream().mapToLong(LongAdder::sum).sum(); }

    /** Simulated hours whose data has been produced. */
    public long simulatedHours() { return simulatedHours.sum(); }

    /** End of the last simulated hour produced, or null before the first. */
    public Instant simulatedNow() { return simulatedNow; }

    /** A few lines for the console: clock, records per topic, heat readings, anomalies, bad records with their expected reasons. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append("simulated up to ").append(simulatedNow).append(" (").append(simulatedHours()).append(" h), ")
                .append(totalRecords()).append(" records sent\n");
        recordsPerTopic().forEach((t, n) -> s.append("  ").append(t).append(": ").append(n).append('\n'));
        s.append("  heat readings: ").append(heatReadings()).append(" (alone or in series)\n");
        s.append("  anomalies:");
        events.forEach((e, n) -> s.append(' ').append(e.name().toLowerCase()).append('=').append(n.sum()));
        s.append("\n  bad records:");
        bad.forEach((k, n) -> s.append(' ').append(k.name().toLowerCase()).append('=').append(n.sum())
                .append(k.expectedReason() == null ? "(parked)" : "(" + k.expectedReason() + ")"));
        return s.append('\n').toString();
    }

    @Override
    public String toString() {
        return summary();
    }
}
