package dk.klimaflow.config;

/** A configuration error; its message names the setting and how to fix it, and the CLI prints it as one line. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
