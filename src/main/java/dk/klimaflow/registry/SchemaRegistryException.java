package dk.klimaflow.registry;

/**
 * A failure talking to the Schema Registry, with what an operator needs to act on it: the subject and version (if any), the
 * HTTP status and the registry's error code (Confluent codes such as 40401 subject not found, 40403 schema not found,
 * 409 incompatible schema).
 */
public class SchemaRegistryException extends RuntimeException {
    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(String message, int httpStatus, int errorCode, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(String message, int httpStatus, int errorCode) {
        this(message, httpStatus, errorCode, null);
    }

    public int httpStatus() { return httpStatus; }

    public int errorCode() { return errorCode; }
}
