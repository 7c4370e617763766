package dk.klimaflow.pipeline;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.ElectricityTimeSeries;
import dk.klimaflow.avro.MeteringPoint;
import dk.klimaflow.avro.ParkedRecord;
import dk.klimaflow.avro.ReasonCode;
import dk.klimaflow.domain.MasterDataRules;
import dk.klimaflow.domain.ReadingRules;
import dk.klimaflow.domain.Rejection;
import dk.klimaflow.pipeline.ReadingDecoder.Electricity;
import dk.klimaflow.pipeline.ReadingDecoder.Heat;
import java.time.Instant;
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
 * Metering points go to {@link MeteringPointIntake}. Decodes and validates each reading ({@link ReadingDecoder}), checks the owner against the metering point (store {@code metering-points}), parks
 * readings of unknown metering points (store {@code parked}) until the metering point arrives or the parking time runs out,
 * and forwards electricity points as {@link IntervalValue}s and heat readings (one, or a series' all) to {@link HeatRegisterProcessor} (after the heat
 * plausibility cap against the meter's neighbouring readings in {@code heat-registers}). Rejected records go to the
 * dead letters ({@link DeadLetters}); every reading is counted in {@code ingest-counters}. A record whose processing throws anywhere downstream
 * is noted in the {@link Quarantine} and dead-lettered as PROCESSING_ERROR when the replaced thread reads it again; a registry
 * outage is thrown on (never a rejection), so the record is retried.
 */
final class IntakeProcessor implements Processor<byte[], byte[], String, IntakeEdge> {
    static final String NAME = "intake";

    private final ReadingDecoder decoder;
    private final PipelineSerdes serdes;
    private final ReadingRules rules;
    private final Parking.Limits parkingLimits;
    private final Quarantine quarantine;
    private final String meteringPointTopic;
    private ProcessorContext<String, IntakeEdge> context;
    private HeatNeighbours heatNeighbours;
    private final HeatTails.PerTask heatTails;
    private KeyValueStore<String, MeteringPoint> points;
    private Parking parking;
    private Counters counters;
    private DeadLetters deadLetters;
    private MeteringPointIntake register;

    IntakeProcessor(PipelineSerdes serdes, ReadingRules rules, Parking.Limits parkingLimits, Quarantine quarantine, PipelinePass pass,
            HeatTails.PerTask heatTails) {
        this.heatTails = heatTails;
        this.meteringPointTopic = pass.meteringPoints();
        this.decoder = new ReadingDecoder(serdes, rules, pass);
        this.serdes = serdes;
        this.rules = rules;
        this.parkingLimits = parkingLimits;
        this.quarantine = quarantine;
    }

    @Override
    public void init(ProcessorContext<String, IntakeEdge> context) {
        this.context = context;
        this.points = context.getStateStore(StoreNames.METERING_POINTS);
        this.counters = new Counters(context.getStateStore(StoreNames.COUNTERS));
        this.heatNeighbours = new HeatNeighbours(context.getStateStore(StoreNames.HEAT_REGISTERS), heatTails.of(context.taskId()));
        this.parking = new Parking(context.getStateStore(StoreNames.PARKED), counters, parkingLimits, decoder::utilityOf);
        this.deadLetters = new DeadLetters(context, DeadLetters.INTAKE);
        this.register = new MeteringPointIntake(points, serdes.meteringPoint(), meteringPointTopic, deadLetters, context);
        context.schedule(parkingLimits.sweepEvery(), PunctuationType.WALL_CLOCK_TIME, this::expireParked);
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
                ReadingDecoder.wrap(record.key()), ReadingDecoder.wrap(record.value()), Instant.ofEpochMilli(context.currentSystemTimeMs()));
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
        deadLetters.send(r.getSourceTopic(), r.getPartition(), r.getOffset(), ReadingDecoder.bytes(r.getKey()),
                ReadingDecoder.bytes(r.getValue()), rejection);
        return new Outcome(Counters.rejected(rejection.code()));
    }

    private Outcome handle(ParkedRecord r, long timestamp) {
        if (r.getValue() == null) {
            return reject(r, Rejection.of(ReasonCode.MALFORMED, "null value (tombstone) is not a reading"));
        }
        ReadingDecoder.Decoded decoded;
        try {
            decoded = decoder.decode(r, context.currentSystemTimeMs());
        } catch (SerializationException e) {
            return reject(r, Rejection.of(ReasonCode.MALFORMED, e.getMessage()));
        }
        return decoded instanceof Electricity e ? handleElectricity(r, e, timestamp) : handleHeat(r, (Heat) decoded, timestamp);
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
        Rejection owner = MasterDataRules.checkOwner(utilityId, carrier, mp);
        return owner != null ? new Admission(null, reject(r, owner)) : new Admission(mp, ACCEPTED);
    }

    private Outcome handleElectricity(ParkedRecord r, Electricity decoded, long timestamp) {
        ElectricityTimeSeries ts = decoded.series();
        Admission a = admit(r, decoded.invalid(), ts.getMeteringPointId(), ts.getUtilityId(), Carrier.ELECTRICITY);
        if (a.meteringPoint() == null) {
            return a.outcome();
        }
        context.forward(new Record<String, IntakeEdge>(ts.getMeteringPointId(), new VersionInput.IntervalBatch(IntervalValue.ofSeries(a.meteringPoint(), ts)), timestamp),
                IntervalVersionProcessor.NAME);
        return ACCEPTED;
    }

    /** One heat reading, or the readings of a series (accepted or rejected together). */
    private Outcome handleHeat(ParkedRecord r, Heat heat, long timestamp) {
        Admission a = admit(r, heat.invalid(), heat.meterId(), heat.utilityId(), Carrier.DISTRICT_HEATING);
        if (a.meteringPoint() != null) {
            Rejection implausible = heatNeighbours.check(rules, heat.readings());
            if (implausible != null) {
                return reject(r, implausible);
            }
            context.forward(new Record<String, IntakeEdge>(heat.meterId(), new HeatRegisterProcessor.MeteredReadings(a.meteringPoint(), heat.readings()),
                    timestamp), HeatRegisterProcessor.NAME);
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

    private void releaseParked(String meteringPointId, long timestamp) {
        for (ParkedRecord r : parking.release(meteringPointId)) {
            counters.add(guarded(r, timestamp).counter, 1);
        }
    }

    private void expireParked(long now) {
        for (ParkedRecord r : parking.expire(now)) {
            counters.add(reject(r, Rejection.of(ReasonCode.UNKNOWN_METERING_POINT, "metering point of this reading did not arrive on "
                    + meteringPointTopic + " within " + parkingLimits.maxAge() + " (setting klimaflow.parking.max.age)")).counter, 1);
        }
    }
}
