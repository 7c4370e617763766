package dk.klimaflow.pipeline;

import dk.klimaflow.avro.EmissionFactor;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What {@link FactorBroadcastProcessor} forwards, one record type per edge: a {@link Broadcast} of a valid factor (or a
 * tombstone) to the factor-broadcast sink (key carrier|area|method|edition|validFrom), and a {@link DeadLetter} to the rejected
 * records' sink (through {@link DeadLetter.Unwrap}).
 */
sealed interface FactorEdge permits FactorEdge.Broadcast, DeadLetter {

    /** A factor for every partition of the broadcast topic; {@code factor} is null for a tombstone. */
    record Broadcast(EmissionFactor factor) implements FactorEdge {
    }

    /** The broadcast sink's value serializer: the factor's own, or null (a tombstone). */
    static Serializer<Broadcast> serializer(Serializer<EmissionFactor> factors) {
        return (topic, broadcast) -> broadcast == null ? null : factors.serialize(topic, broadcast.factor());
    }
}
