package dk.klimaflow.registry;

import org.apache.kafka.common.errors.RetriableException;

/**
 * The Schema Registry gave no definite answer (unreachable, timed out, 5xx, refused credentials) while a record's writer
 * schema was needed, for longer than klimaflow.registry.retry.timeout. Deliberately not a {@code SerializationException}: the
 * record is fine as far as anyone knows, so intake lets this fail the stream thread, which is replaced and resumes from the
 * last committed offset (exactly-once: the aborted transaction leaves nothing behind), retrying until the registry is back.
 */
public class SchemaRegistryUnavailableException extends RetriableException {
    public SchemaRegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
