package dk.klimaflow.importer;

/**
 * A mapper from the rows of one factor file format to {@link dk.klimaflow.avro.EmissionFactor}s. {@link #row} is called for
 * every row in file order (a {@link BadRow} rejects just that row), {@link #end} once after the last (to flush aggregations).
 */
public interface FactorRows {
    void row(Row row, FactorSink out) throws BadRow;

    default void end(FactorSink out) {
    }
}
