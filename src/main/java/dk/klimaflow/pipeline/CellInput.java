package dk.klimaflow.pipeline;

import dk.klimaflow.avro.EmissionFactor;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * What reaches {@link FactorCellProcessor}: the slot changes of one input record ({@link SlotDeltas}, from the version store,
 * key metering point id) or one emission factor ({@link FactorUpdate}, from the factor broadcast, key
 * carrier|area|method|edition|validFrom; a null factor is a tombstone).
 */
sealed interface CellInput permits CellInput.SlotDeltas, CellInput.FactorUpdate {

    record SlotDeltas(List<SlotDelta> deltas) implements CellInput {
    }

    record FactorUpdate(EmissionFactor factor) implements CellInput {
    }

    /** Reads the broadcast topic's values straight into the edge type. */
    static Deserializer<CellInput> factorUpdates(Deserializer<EmissionFactor> factors) {
        return (topic, bytes) -> new FactorUpdate(factors.deserialize(topic, bytes));
    }
}
