package dk.klimaflow.embedded;

import dk.klimaflow.config.KlimaflowConfig;
import dk.klimaflow.registry.RestSchemaRegistry;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default stack: one {@link EmbeddedKafka} broker and one {@link EmbeddedRegistry}, both on 127.0.0.1, with their
 * data under one data directory ({@code kafka/} for the broker's log, {@code registry/} and {@code registry.log} for the
 * registry, {@code streams/} for Kafka Streams state), kept across restarts unless {@code fresh}. {@link #startAndSetUp} also
 * creates all topics and registers all value schemas (both idempotent, so it runs at every start). Output: a {@link KlimaflowConfig} pointing at it,
 * with auto-registration on.
 */
public final class EmbeddedStack implements AutoCloseable {
    public static final Path DEFAULT_DATA_DIR = Path.of(".klimaflow");
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStack.class);

    private final Path dataDir;
    private final EmbeddedKafka kafka;
    private final EmbeddedRegistry registry;
    private final boolean fresh;
    private DataDirectory directory;

    public EmbeddedStack(Path dataDir, int kafkaPort, int registryPort, boolean fresh) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.kafka = new EmbeddedKafka(kafkaPort, this.dataDir.resolve("kafka"));
        this.registry = new EmbeddedRegistry(registryPort, this.dataDir);
        this.fresh = fresh;
    }

    /** Starts a stack and prepares it: all topics created, all value schemas registered. */
    public static EmbeddedStack startAndSetUp(Path dataDir, int kafkaPort, int registryPort, boolean fresh) {
        EmbeddedStack stack = new EmbeddedStack(dataDir, kafkaPort, registryPort, fresh).start();
        try {
            long started = System.nanoTime();
            new TopicSetup(stack.config()).setUp(stack.schemaRegistry(), true);
            LOG.info("topics and schemas ready in {} ms", (System.nanoTime() - started) / 1_000_000);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    /** Starts the registry (a child process) and the broker side by side and returns when both answer. */
    public synchronized EmbeddedStack start() {
        Ports.requireFree(kafka.port(), "Kafka broker", "--kafka-port");
        Ports.requireFree(registry.port(), "schema registry", "--registry-port");
        directory = DataDirectory.open(dataDir, fresh);
        long started = System.nanoTime();
        CompletableFuture<EmbeddedRegistry> registryStarted = CompletableFuture.supplyAsync(() -> {
            registry.start();
            LOG.info("schema registry ready at {} in {} ms", registry.url(), (System.nanoTime() - started) / 1_000_000);
            return registry;
        });
        try {
            kafka.start();
            LOG.info("Kafka broker ready at {} in {} ms", kafka.bootstrapServers(), (System.nanoTime() - started) / 1_000_000);
            registryStarted.join();
            return this;
        } catch (CompletionException e) {
            close();
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } catch (RuntimeException e) {
            registryStarted.exceptionally(t -> null).join();
            close();
            throw e;
        }
    }

    /** Settings for clients of this stack: bootstrap, registry URL, auto-registration on, streams state in the data dir. */
    public KlimaflowConfig config() {
        return KlimaflowConfig.of(Map.of(
                "bootstrap.servers", kafka.bootstrapServers(),
                KlimaflowConfig.SCHEMA_REGISTRY_URL, registry.url(),
                KlimaflowConfig.AUTO_REGISTER, "true",
                "state.dir", dataDir.resolve("streams").toString()));
    }

    public RestSchemaRegistry schemaRegistry() {
        return new RestSchemaRegistry(registry.url());
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String registryUrl() {
        return registry.url();
    }

    public Path dataDir() {
        return dataDir;
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public EmbeddedRegistry registry() {
        return registry;
    }

    /**
     * Stops the registry and the broker, side by side (the registry keeps its schemas in its own H2 file, not in Kafka);
     * safe to call twice and from a shutdown hook.
     */
    @Override
    public synchronized void close() {
        Thread registryStop = new Thread(registry::close, "klimaflow-registry-stop");
        registryStop.start();
        try {
            kafka.close();
        } finally {
            joinUninterruptibly(registryStop);
            if (directory != null) {
                directory.close();
                directory = null;
            }
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
