package dk.klimaflow.chaos;

import dk.klimaflow.config.KlimaflowConfig;
import dk.klimaflow.embedded.EmbeddedRegistry;
import dk.klimaflow.embedded.KraftQuorum;
import dk.klimaflow.embedded.Ports;
import dk.klimaflow.embedded.TopicSetup;
import dk.klimaflow.registry.RestSchemaRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

/**
 * The cluster the chaos run breaks on purpose: one Kafka broker, or a KRaft cluster of several combined broker-and-controller
 * nodes ({@link KraftQuorum}), each in a child JVM ({@link BrokerProcess}, so it can be killed with {@code kill -9}), and the
 * embedded Apicurio registry ({@link EmbeddedRegistry}, a child process that can be stopped and started again), all on free
 * ports under one work directory ({@code kafka/}, or {@code kafka/node-<id>/} per node, and {@code registry/}). Input: the
 * work directory, the partition count and the number of brokers. Output: the client {@link #config()} (auto-registration
 * on; with 3 or more brokers every topic, the pipeline's internal ones too, has 3 replicas and min ISR 2), the
 * {@link #registry()} client, and the faults {@link #killBroker(int)}/{@link #startBroker(int)} and
 * {@link #stopRegistry()}/{@link #startRegistry()}, each on the same port and data as before. All topics are created and
 * all schemas registered at start.
 */
public final class ChaosCluster implements AutoCloseable {
    private final List<BrokerProcess> brokers = new ArrayList<>();
    private final EmbeddedRegistry registryServer;
    private final KlimaflowConfig config;
    private final RestSchemaRegistry registry;
    private final Thread hook = new Thread(this::close, "chaos-stop-cluster");

    private ChaosCluster(Path dir, int partitions, int brokerCount) {
        KraftQuorum quorum = brokerCount > 1 ? KraftQuorum.of(brokerCount) : null;
        for (int node = 1; node <= brokerCount; node++) {
            Path logDir = quorum == null ? dir.resolve("kafka") : dir.resolve("kafka").resolve("node-" + node);
            brokers.add(new BrokerProcess(Ports.free(), logDir, node, quorum));
        }
        this.registryServer = new EmbeddedRegistry(Ports.free(), dir);
        Map<String, String> settings = new HashMap<>(Map.of(
                "bootstrap.servers", String.join(",", brokers.stream().map(BrokerProcess::bootstrapServers).toList()),
                KlimaflowConfig.SCHEMA_REGISTRY_URL, registryServer.url(), KlimaflowConfig.AUTO_REGISTER, "true",
                KlimaflowConfig.PARTITIONS, String.valueOf(partitions)));
        if (quorum != null) { // the input topics and Kafka Streams' internal topics alike (min ISR: the brokers' default)
            settings.put(KlimaflowConfig.REPLICATION, String.valueOf(quorum.replicationFactor()));
            settings.put("replication.factor", String.valueOf(quorum.replicationFactor()));
        }
        this.config = KlimaflowConfig.of(settings);
        this.registry = new RestSchemaRegistry(registryServer.url());
    }

    /** Starts the brokers (launched together: a quorum's nodes wait for each other) and the registry, creates the topics and registers the schemas. */
    public static ChaosCluster start(Path dir, int partitions, int brokers) throws IOException {
        ChaosCluster cluster = new ChaosCluster(dir.toAbsolutePath(), partitions, brokers);
        Runtime.getRuntime().addShutdownHook(cluster.hook);
        try {
            CompletableFuture<Void> registryUp = CompletableFuture.runAsync(cluster.registryServer::start);
            for (BrokerProcess broker : cluster.brokers) {
                broker.launch();
            }
            cluster.brokers.forEach(BrokerProcess::awaitListening);
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

    public int brokers() { return brokers.size(); }

    /** {@code kill -9} of the JVM of broker {@code node} (1..{@link #brokers()}). */
    public void killBroker(int node) { brokers.get(node - 1).kill(); }

    /** Starts broker {@code node} again on the same port and log directory; returns when it listens. */
    public void startBroker(int node) throws IOException { brokers.get(node - 1).start(); }

    /** Freezes ({@code SIGSTOP}) or thaws ({@code SIGCONT}) broker {@code node} (1-based). */
    public void freezeBroker(int node, boolean frozen) throws IOException, InterruptedException {
        Signals.freeze(brokers.get(node - 1).pid(), frozen);
    }

    /** Stops the schema registry (its process by pid). */
    public void stopRegistry() { registryServer.close(); }

    /** Starts the schema registry again on the same port and schema database; returns when it answers. */
    public void startRegistry() { registryServer.start(); }

    @Override
    public synchronized void close() {
        try {
            registryServer.close();
        } finally {
            for (int i = 0; i < brokers.size(); i++) {
                if (i > 0 && i == brokers.size() - 1) {
                    brokers.get(i).kill(); // the last of a cluster has no quorum left for a controlled shutdown: it would wait 30 s
                } else {
                    brokers.get(i).close();
                }
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down: this is the hook
        }
    }
}
