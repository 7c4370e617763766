package dk.klimaflow.cli;

import dk.klimaflow.embedded.EmbeddedKafka;
import dk.klimaflow.embedded.EmbeddedRegistry;
import dk.klimaflow.embedded.EmbeddedStack;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Options of every command that runs the embedded stack ({@code stack}, {@code demo}): data directory, broker and registry
 * ports, {@code --fresh}. {@link #startStack()} starts the broker and registry, creates the topics, registers the schemas and
 * stops it all when the JVM exits (Ctrl-C); use it with {@code @Mixin StackOptions stack;}.
 */
public final class StackOptions {
    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = ".klimaflow",
            description = "Data directory: broker log, registry schemas, streams state; kept across restarts (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "" + EmbeddedKafka.DEFAULT_PORT,
            description = "Port of the embedded Kafka broker on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--registry-port", paramLabel = "PORT", defaultValue = "" + EmbeddedRegistry.DEFAULT_PORT,
            description = "Port of the embedded schema registry on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int registryPort;

    @Option(names = "--fresh", description = "Wipe the data directory first: start with empty topics and no schemas.")
    boolean fresh;

    /** Starts the stack with topics and schemas; a shutdown hook stops it when the JVM exits. */
    public EmbeddedStack startStack() {
        EmbeddedStack stack = EmbeddedStack.startAndSetUp(dataDir, kafkaPort, registryPort, fresh);
        OnExit.close("Kafka broker and schema registry", stack::close);
        return stack;
    }

    public Path dataDir() {
        return dataDir;
    }

    public int kafkaPort() {
        return kafkaPort;
    }

    public int registryPort() {
        return registryPort;
    }

    public boolean fresh() {
        return fresh;
    }
}
