package dk.klimaflow.registry;

import org.apache.avro.Schema;

/**
 * The part of a Confluent-compatible Schema Registry that the serdes need: register or look up the schema of a subject
 * (subject names {@code <topic>-key} / {@code <topic>-value}) and fetch a writer schema by its global id. The production
 * implementation is {@link RestSchemaRegistry} (Confluent REST API over HTTP); implementations must be thread-safe and cache.
 */
public interface SchemaRegistry {

    /** Registers {@code schema} under {@code subject} (idempotent) and returns its global id. */
    int register(String subject, Schema schema);

    /** Returns the id of {@code schema} already registered under {@code subject}; fails with a clear message if absent. */
    int idOf(String subject, Schema schema);

    /** Returns the schema with global id {@code id}; fails with {@link SchemaRegistryException} if unknown. */
    Schema schemaById(int id);
}
