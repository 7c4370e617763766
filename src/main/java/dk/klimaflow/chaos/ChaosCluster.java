package dk.klimaflow.chaos;

import dk.klimaflow.config.KlimaflowConfig;
import dk.klimaflow.embedded.EmbeddedRegistry;
import dk.klimaflow.embedded.Ports;
import dk.klimaflow.embedded.TopicSetup;
import dk.klimaflow.registry.RestSchemaRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

/**
 * The cluster the chaos run breaks on purpose: a Kafka broker in a child JVM ({@link BrokerProcess}, so it can be killed with
 * {@code kill -9}) and the embedded Apicurio registry ({@link EmbeddedRegistry}, a child process that can be stopped and started
 * again), both on free ports under one work directory ({@code kafka/}, {@code registry/}). Input: the work directory and the
 * partition count. Output: the client {@link #config()} (auto-registration on), the {@link #registry()} client, and the faults
 * {@link #killBroker()}/{@link #startBroker()} and {@link #stopRegistry()}/{@link #startRegistry()}, each on the same port and
 * data as before. All topics are created and all schemas registered at start.
 */
public final class ChaosCluster implements AutoCloseable {
    private final BrokerProcess broker;
    private final EmbeddedRegistry registryServer;
    private final KlimaflowConfig config;
    private final RestSchemaRegistry registry;
    private final Thread hook = new Thread(this::close, "chaos-stop-cluster");

    private ChaosCluster(Path dir, int partitions) {
        this.broker = new BrokerProcess(Ports.free(), dir.resolve("kafka"));
        this.registryServer = new EmbeddedRegistry(Ports.free(), dir);
        this.config = KlimaflowConfig.of(Map.of("bootstrap.servers", broker.bootstrapServers(),
                KlimaflowConfig.SCHEMA_REGISTRY_URL, registryServer.url(), KlimaflowConfig.AUTO_REGISTER, "true",
                KlimaflowConfig.PARTITIONS, String.valueOf(partitions)));
        this.registry = new RestSchemaRegistry(registryServer.url());
    }

    /** Starts broker and registry side by side, creates the topics and registers the schemas. */
    public static ChaosCluster start(Path dir, int partitions) throws IOException {
        ChaosCluster cluster = new ChaosCluster(dir.toAbsolutePath(), partitions);
        Runtime.getRuntime().addShutdownHook(cluster.hook);
        try {
            CompletableFuture<Void> registryUp = CompletableFuture.runAsync(cluster.registryServer::start);
            cluster.broker.start();
            registryUp.join();
            new TopicSetup(cluster.config).setUp(cluster.registry, true);
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    public KlimaflowConfig config() { return config; }

    public Properties clientProperties() { return config.clientProperties(); }

    public RestSchemaRegistry registry() { return registry; }

    /** {@code kill -9} of the broker JVM. */
    public void killBroker() { broker.kill(); }

    /** Starts the broker again on the same port and log directory; returns when it listens. */
    public void startBroker() throws IOException { broker.start(); }

    /** Stops the schema registry (its process by pid). */
    public void stopRegistry() { registryServer.close(); }

    /** Starts the schema registry again on the same port and schema database; returns when it answers. */
    public void startRegistry() { registryServer.start(); }

    @Override
    public synchronized void close() {
        try {
            registryServer.close();
        } finally {
            broker.close();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down: this is the hook
        }
    }
}
