package dk.klimaflow.pipeline;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.DistrictHeatingReading;
import dk.klimaflow.avro.DistrictHeatingSeries;
import dk.klimaflow.avro.ElectricityTimeSeries;
import dk.klimaflow.avro.MeteringPoint;
import dk.klimaflow.avro.ParkedRecord;
import dk.klimaflow.avro.Point;
import dk.klimaflow.avro.ReasonCode;
import dk.klimaflow.domain.HeatSeries;
import dk.klimaflow.domain.LocalCalendar;
import dk.klimaflow.domain.ReadingRules;
import dk.klimaflow.domain.Rejection;
import dk.klimaflow.registry.AvroSerde;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Intake of one partition of the co-partitioned topics energy.electricity.readings, energy.district-heating.readings,
 * energy.district-heating.series and energy.metering-points (in the backfill pass their energy.backfill.* counterparts, see {@link PipelinePass}; all keyed by
 * metering point id, read as raw bytes so that undecodable records can be dead-lettered).
 * Metering points go to {@link MeteringPointIntake}. Decodes and validates each reading, checks the owner against the metering point (store {@code metering-points}), parks
 * readings of unknown metering points (store {@code parked}) until the metering point arrives or the parking time runs out,
 * and forwards electricity points as {@link IntervalValue}s and heat readings (one, or a series' all) to {@link HeatRegisterProcessor} (after the heat
 * plausibility cap against the meter's neighbouring readings in {@code heat-registers}). Rejected records go to the
 * dead-letter sink; every reading is counted in {@code ingest-counters}. A record whose processing throws anywhere downstream
 * is noted in the {@link Quarantine} and dead-lettered as PROCESSING_ERROR when the replaced thread reads it again; a registry
 * outage is thrown on (never a rejection), so the record is retried.
 */
final class IntakeProcessor implements Processor<byte[], byte[], Object, Object> {
    static final String NAME = "intake";

    private final AvroSerde<ElectricityTimeSeries> electricity;
    private final AvroSerde<DistrictHeatingReading> heat;
    private final AvroSerde<DistrictHeatingSeries> heatSeries;
    private final AvroSerde<MeteringPoint> meteringPoints;
    private final ReadingRules rules;
    private final Duration parkingMaxAge;
    private final long parkingMaxRecords;
    private final long parkingMaxPerUtility;
    private final Quarantine quarantine;
    private final String electricityTopic;
    private final String heatSeriesTopic;
    private final String meteringPointTopic;
    private ProcessorContext<Object, Object> context;
    private HeatNeighbours heatNeighbours;
    private final HeatTails.PerTask heatTails;
    private KeyValueStore<String, MeteringPoint> points;
    private Parking parking;
    private Counters counters;
    private DeadLetters deadLetters;
    private MeteringPointIntake register;

    IntakeProcessor(PipelineSerdes serdes, ReadingRules rules, Duration parkingMaxAge, long parkingMaxRecords, long parkingMaxPerUtility,
            Quarantine quarantine, PipelinePass pass, HeatTails.PerTask heatTails) {
        this.heatTails = heatTails;
        this.electricityTopic = pass.electricity();
        this.heatSeriesTopic = pass.heatSeries();
        this.heatSeries = serdes.districtHeatingSeries();
        this.meteringPointTopic = pass.meteringPoints();
        this.electricity = serdes.electricity();
        this.heat = serdes.districtHeating();
        this.meteringPoints = serdes.meteringPoint();
        this.rules = rules;
        this.parkingMaxAge = parkingMaxAge;
        this.parkingMaxRecords = parkingMaxRecords;
        this.parkingMaxPerUtility = parkingMaxPerUtility;
        this.quarantine = quarantine;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.points = context.getStateStore(StoreNames.METERING_POINTS);
        this.counters = new Counters(context.getStateStore(StoreNames.COUNTERS));
        this.heatNeighbours = new HeatNeighbours(context.getStateStore(StoreNames.HEAT_REGISTERS), heatTails.of(context.taskId()));
        this.parking = new Parking(context.getStateStore(StoreNames.PARKED), counters, parkingMaxRecords, parkingMaxPerUtility,
                parkingMaxAge, this::utilityOf);
        this.deadLetters = new DeadLetters(context);
        this.register = new MeteringPointIntake(points, meteringPoints, meteringPointTopic, deadLetters, context);
        Duration every = parkingMaxAge.dividedBy(10).compareTo(Duration.ofMinutes(1)) < 0 ? parkingMaxAge.dividedBy(10) : Duration.ofMinutes(1);
        context.schedule(every.isZero() ? Duration.ofSeconds(1) : every, PunctuationType.WALL_CLOCK_TIME, this::expireParked);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        var meta = context.recordMetadata().orElseThrow();
        if (meta.topic().equals(meteringPointTopic)) {
            String poisoned = quarantine.reason(meta.topic(), meta.partition(), meta.offset());
            if (poisoned != null) {
                deadLetters.send(meta.topic(), meta.partition(), meta.offset(), record.key(), record.value(),
                        Rejection.of(ReasonCode.PROCESSING_ERROR, poisoned));
                return;
            }
            try {
                String released = register.apply(record, meta.partition(), meta.offset());
                if (released != null) {
                    releaseParked(released, record.timestamp());
                }
            } catch (RuntimeException e) {
                throw quarantine.quarantine(meta.topic(), meta.partition(), meta.offset(), e);
            }
            return;
        }
        counters.add(Counters.IN, 1);
        ParkedRecord received = new ParkedRecord(meta.topic(), meta.partition(), meta.offset(),
                wrap(record.key()), wrap(record.value()), Instant.ofEpochMilli(context.currentSystemTimeMs()));
        Outcome outcome = guarded(received, record.timestamp());
        counters.add(outcome.counter, 1);
    }

    /** {@link #handle}, with a record that failed before dead-lettered, and a record that fails now quarantined. */
    private Outcome guarded(ParkedRecord r, long timestamp) {
        String poisoned = quarantine.reason(r.getSourceTopic(), r.getPartition(), r.getOffset());
        if (poisoned != null) {
            return reject(r, Rejection.of(ReasonCode.PROCESSING_ERROR, poisoned));
        }
        try {
            return handle(r, timestamp);
        } catch (RuntimeException e) {
            throw quarantine.quarantine(r.getSourceTopic(), r.getPartition(), r.getOffset(), e);
        }
    }

    private record Outcome(String counter) {
    }

    private static final Outcome ACCEPTED = new Outcome(Counters.ACCEPTED);
    private static final Outcome PARKED = new Outcome(Counters.PARKED);

    private Outcome reject(ParkedRecord r, Rejection rejection) {
        deadLetters.send(r.getSourceTopic(), r.getPartition(), r.getOffset(), bytes(r.getKey()), bytes(r.getValue()), rejection);
        return new Outcome(Counters.rejected(rejection.code()));
    }

    private Outcome handle(ParkedRecord r, long timestamp) {
        long now = context.currentSystemTimeMs();
        String key = r.getKey() == null ? null : new String(bytes(r.getKey()), StandardCharsets.UTF_8);
        if (r.getValue() == null) {
            return reject(r, Rejection.of(ReasonCode.MALFORMED, "null value (tombstone) is not a reading"));
        }
        try {
            if (r.getSourceTopic().equals(electricityTopic)) {
                return handleElectricity(r, key, electricity.deserialize(r.getSourceTopic(), bytes(r.getValue())), now, timestamp);
            }
            if (r.getSourceTopic().equals(heatSeriesTopic)) {
                DistrictHeatingSeries s = heatSeries.deserialize(r.getSourceTopic(), bytes(r.getValue()));
                Rejection invalid = HeatSeries.check(rules, key, s, now);
                return handleHeat(r, invalid, s.getMeterId(), s.getUtilityId(), invalid == null ? HeatSeries.readings(s) : List.of(), timestamp);
            }
            DistrictHeatingReading reading = heat.deserialize(r.getSourceTopic(), bytes(r.getValue()));
            return handleHeat(r, rules.check(key, reading, now), reading.getMeterId(), reading.getUtilityId(), List.of(reading), timestamp);
        } catch (SerializationException e) {
            return reject(r, Rejection.of(ReasonCode.MALFORMED, e.getMessage()));
        }
    }

    /** A reading that passed validation, parking and the owner check carries its metering point; otherwise the outcome. */
    private record Admission(MeteringPoint meteringPoint, Outcome outcome) {
    }

    private Admission admit(ParkedRecord r, Rejection invalid, String meteringPointId, String utilityId, Carrier carrier) {
        if (invalid != null) {
            return new Admission(null, reject(r, invalid));
        }
        MeteringPoint mp = points.get(meteringPointId);
        if (mp == null) {
            return new Admission(null, park(r, meteringPointId, utilityId));
        }
        Rejection owner = ReadingRules.checkOwner(utilityId, carrier, mp);
        return owner != null ? new Admission(null, reject(r, owner)) : new Admission(mp, ACCEPTED);
    }

    private Outcome handleElectricity(ParkedRecord r, String key, ElectricityTimeSeries ts, long now, long timestamp) {
        Admission a = admit(r, rules.check(key, ts, now), ts.getMeteringPointId(), ts.getUtilityId(), Carrier.ELECTRICITY);
        if (a.meteringPoint() == null) {
            return a.outcome();
        }
        long step = ReadingRules.resolutionMs(ts.getResolution());
        int quarters = (int) (step / LocalCalendar.QUARTER_MS);
        long start = ts.getPeriodStart().toEpochMilli();
        List<IntervalValue> values = new ArrayList<>(ts.getPoints().size());
        for (int i = 0; i < ts.getPoints().size(); i++) {
            Point p = ts.getPoints().get(i);
            values.add(new IntervalValue(a.meteringPoint(), start + i * step, quarters, p.getQuantityWh(), p.getQuality(),
                    ts.getSentAt().toEpochMilli(), false));
        }
        context.forward(new Record<>(ts.getMeteringPointId(), new VersionInput.IntervalBatch(values), timestamp), IntervalVersionProcessor.NAME);
        return ACCEPTED;
    }

    /** One heat reading, or the readings of a series (accepted or rejected together). */
    private Outcome handleHeat(ParkedRecord r, Rejection invalid, String meterId, String utilityId, List<DistrictHeatingReading> readings,
            long timestamp) {
        Admission a = admit(r, invalid, meterId, utilityId, Carrier.DISTRICT_HEATING);
        if (a.meteringPoint() != null) {
            Rejection implausible = heatNeighbours.check(rules, readings);
            if (implausible != null) {
                return reject(r, implausible);
            }
            context.forward(new Record<>(meterId, new HeatRegisterProcessor.MeteredReadings(a.meteringPoint(), readings), timestamp),
                    HeatRegisterProcessor.NAME);
        }
        return a.outcome();
    }

    private Outcome park(ParkedRecord r, String meteringPointId, String utilityId) {
        String refusal = parking.refusal(utilityId);
        if (refusal != null) {
            return reject(r, Rejection.of(ReasonCode.PARKING_FULL, "metering point " + meteringPointId + " is unknown and " + refusal));
        }
        parking.park(meteringPointId, utilityId, r);
        return PARKED;
    }

    private String utilityOf(ParkedRecord r) {
        byte[] value = bytes(r.getValue());
        if (r.getSourceTopic().equals(heatSeriesTopic)) {
            return heatSeries.deserialize(r.getSourceTopic(), value).getUtilityId();
        }
        return r.getSourceTopic().equals(electricityTopic) ? electricity.deserialize(r.getSourceTopic(), value).getUtilityId()
                : heat.deserialize(r.getSourceTopic(), value).getUtilityId();
    }

    private void releaseParked(String meteringPointId, long timestamp) {
        for (ParkedRecord r : parking.release(meteringPointId)) {
            counters.add(guarded(r, timestamp).counter, 1);
        }
    }

    private void expireParked(long now) {
        for (ParkedRecord r : parking.expire(now)) {
            counters.add(reject(r, Rejection.of(ReasonCode.UNKNOWN_METERING_POINT, "metering point of this reading did not arrive on "
                    + meteringPointTopic + " within " + parkingMaxAge + " (setting klimaflow.parking.max.age)")).counter, 1);
        }
    }

    private static ByteBuffer wrap(byte[] b) {
        return b == null ? null : ByteBuffer.wrap(b);
    }

    private static byte[] bytes(ByteBuffer b) {
        if (b == null) {
            return null;
        }
        ByteBuffer d = b.duplicate();
        d.rewind();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }
}
