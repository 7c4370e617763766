package dk.klimaflow.web;

/**
 * A request that cannot be answered, with the HTTP status to send and a one-line message naming the cause and the fix (the
 * parameter and the accepted values, or the instance that did not answer). Rendered as {@code {"status":..,"error":..}}.
 */
public final class ApiException extends RuntimeException {
    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public ApiException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException unavailable(String message) {
        return new ApiException(503, message);
    }

    public int status() {
        return status;
    }
}
