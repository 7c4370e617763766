package dk.klimaflow.pipeline;

import dk.klimaflow.avro.MeteringPoint;
import dk.klimaflow.avro.ReasonCode;
import dk.klimaflow.domain.MasterDataRules;
import dk.klimaflow.domain.Rejection;
import dk.klimaflow.registry.AvroSerde;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The register's part of {@link IntakeProcessor}: records of energy.metering-points (in the backfill pass
 * energy.backfill.metering-points; key metering point id, value {@link MeteringPoint} or a tombstone), kept in store
 * {@code metering-points}. A tombstone deletes the point and forwards {@link Reattribution#retired} to
 * {@link IntervalVersionProcessor}, whose store keeps where the point's history is counted, for a return; a new point, one
 * back after a tombstone, or one whose new master data moves its history forwards a {@link Reattribution}. An undecodable or
 * invalid record, or one whose key is not its id, goes to the dead letters and changes nothing. Output of {@link #apply}: the
 * id whose parked readings may now be released, or null.
 */
final class MeteringPointIntake {
    private final KeyValueStore<String, MeteringPoint> points;
    private final AvroSerde<MeteringPoint> serde;
    private final String topic;
    private final DeadLetters deadLetters;
    private final ProcessorContext<String, ? super VersionInput> context;

    MeteringPointIntake(KeyValueStore<String, MeteringPoint> points, AvroSerde<MeteringPoint> serde, String topic, DeadLetters deadLetters,
            ProcessorContext<String, ? super VersionInput> context) {
        this.points = points;
        this.serde = serde;
        this.topic = topic;
        this.deadLetters = deadLetters;
        this.context = context;
    }

    String apply(Record<byte[], byte[]> record, int partition, long offset) {
        String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
        if (record.value() == null) {
            MeteringPoint gone = points.get(key);
            points.delete(key);
            if (gone != null) { // the version store keeps where its history is counted, for a return (issue 8, defect 5)
                context.forward(new Record<String, VersionInput>(key, Reattribution.retired(gone), record.timestamp()), IntervalVersionProcessor.NAME);
            }
            return null;
        }
        MeteringPoint mp;
        try {
            mp = serde.deserialize(topic, record.value());
        } catch (SerializationException e) {
            deadLetters.send(topic, partition, offset, record.key(), record.value(), Rejection.of(ReasonCode.MALFORMED, e.getMessage()));
            return null;
        }
        Rejection invalid = MasterDataRules.check(mp);
        if (invalid == null && !mp.getId().equals(key)) {
            invalid = Rejection.of(ReasonCode.INVALID_VALUE, "record key '" + key + "' differs from metering point id " + mp.getId());
        }
        if (invalid != null) {
            deadLetters.send(topic, partition, offset, record.key(), record.value(), invalid);
            return null;
        }
        MeteringPoint before = points.get(key);
        points.put(key, mp);
        if (before == null || Reattribution.needed(before, mp)) { // before == null: new, or back after a tombstone
            context.forward(new Record<String, VersionInput>(key, new Reattribution(before, mp), record.timestamp()), IntervalVersionProcessor.NAME);
        }
        return key;
    }
}
