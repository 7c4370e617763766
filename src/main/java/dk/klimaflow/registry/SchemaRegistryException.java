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

    /**
     * True only for the registry's definite answer that a schema does not exist (HTTP 404 with Confluent error code 40403, which
     * Apicurio's Confluent API gives too). Everything else (unreachable, timeouts, 5xx, a 404 without that code from a wrong
     * URL, refused credentials) says nothing about the record and must not reject it.
     */
    public boolean schemaNotFound() { return httpStatus == 404 && errorCode == 40403; }
}
