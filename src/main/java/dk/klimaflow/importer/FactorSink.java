package dk.klimaflow.importer;

import dk.klimaflow.avro.EmissionFactor;

/** Where the factor mappers put their output: factors to publish, and rows to flag (imported, with a warning). */
public interface FactorSink {
    void factor(EmissionFactor factor);

    void flag(Row row, String reason);
}
