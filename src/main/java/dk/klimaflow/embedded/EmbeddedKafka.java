package dk.klimaflow.embedded;

import dk.klimaflow.config.ConfigException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * An Apache Kafka 4.4 broker and KRaft controller in this JVM, started from the production classes: the log directory is
 * formatted once with {@link Formatter} (as {@code kafka-storage format} does) and then served by {@link KafkaRaftServer}.
 * Inputs: the broker port (clients connect to 127.0.0.1:port) and a log directory, kept across restarts; alone, the
 * controller listens on a free port of its own and every internal topic has replication factor 1 and min ISR 1 (one broker
 * that must still run transactions for exactly-once Kafka Streams). As node {@code nodeId} of a {@link KraftQuorum} it
 * is one of several combined nodes with a static voter set, and the brokers' own topics and new topics get the quorum's
 * replication (3 replicas, min ISR 2); the nodes of a quorum must start together (each waits for a controller majority).
 * With {@link #withSasl} clients authenticate (SASL/PLAIN) and are authorized by ACLs.
 */
public final class EmbeddedKafka implements AutoCloseable {
    public static final int DEFAULT_PORT = 9092;
    private static final int NODE_ID = 1;

    private final int port;
    private final Path logDir;
    private final int nodeId;
    private final KraftQuorum quorum;
    private SaslUsers sasl;
    private KafkaRaftServer server;

    public EmbeddedKafka(int port, Path logDir) {
        this(port, logDir, NODE_ID, null);
    }

    /** Node {@code nodeId} (1..n) of {@code quorum}, or a single node when {@code quorum} is null. */
    public EmbeddedKafka(int port, Path logDir, int nodeId, KraftQuorum quorum) {
        this.port = port;
        this.logDir = logDir.toAbsolutePath();
        this.nodeId = nodeId;
        this.quorum = quorum;
    }

    /** Before {@link #start()}: clients must authenticate as one of {@code users} (SASL/PLAIN) and need ACLs. */
    public synchronized EmbeddedKafka withSasl(SaslUsers users) {
        this.sasl = users;
        return this;
    }

    /** Formats the log directory if it is new, starts the broker and returns when it accepts clients. */
    public synchronized EmbeddedKafka start() {
        if (server != null) {
            return this;
        }
        Ports.requireFree(port, "Kafka broker", "--kafka-port");
        int controllerPort = quorum == null ? Ports.free() : quorum.controllerPort(nodeId);
        Properties props = brokerProperties(controllerPort);
        KafkaConfig config = KafkaConfig.fromProps(props, false);
        try {
            Files.createDirectories(logDir);
            formatIfNew();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka log directory " + logDir + ": " + e.getMessage()
                    + ": delete it or start with --fresh", e);
        }
        KafkaRaftServer started = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            started.startup();
        } catch (RuntimeException e) {
            safeShutdown(started);
            throw startFailure(e);
        }
        server = started;
        return this;
    }

    private Properties brokerProperties(int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(nodeId));
        // a static voter set: alone, the controller port may change between restarts without re-formatting
        p.put("controller.quorum.voters", quorum == null ? NODE_ID + "@" + Ports.HOST + ":" + controllerPort : quorum.voters());
        String client = sasl == null ? "PLAINTEXT" : "SASL_PLAINTEXT";
        p.put("listeners", client + "://" + Ports.HOST + ":" + port + ",CONTROLLER://" + Ports.HOST + ":" + controllerPort);
        p.put("advertised.listeners", client + "://" + Ports.HOST + ":" + port);
        p.put("listener.security.protocol.map", client + ":" + client + ",CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", client);
        if (sasl != null) {
            p.putAll(sasl.brokerSettings());
        }
        p.put("log.dirs", logDir.toString());
        p.put("auto.create.topics.enable", "false");
        String replicas = String.valueOf(quorum == null ? 1 : quorum.replicationFactor());
        String minIsr = String.valueOf(quorum == null ? 1 : quorum.minInsyncReplicas());
        p.put("offsets.topic.replication.factor", replicas);
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", replicas);
        p.put("transaction.state.log.min.isr", minIsr);
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", replicas);
        p.put("share.coordinator.state.topic.min.isr", minIsr);
        p.put("default.replication.factor", replicas);
        p.put("min.insync.replicas", minIsr);
        p.put("group.initial.rebalance.delay.ms", "0");
        // the default 128 MiB dedupe buffer is meant for a dedicated server, not a laptop
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(16L << 20));
        return p;
    }

    private void formatIfNew() throws Exception {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(nodeId)
                .setClusterId(quorum == null ? Uuid.randomUuid().toString() : quorum.clusterId())
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setControllerListenerName("CONTROLLER")
                .setMetadataLogDirectory(logDir.toString())
                .setDirectories(List.of(logDir.toString()))
                .setIgnoreFormatted(true)
                .run();
    }

    private RuntimeException startFailure(RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("lock")) {
            return new ConfigException("Kafka log directory " + logDir + " is in use by another broker: stop it or choose another --data-dir");
        }
        return new IllegalStateException("embedded Kafka broker on " + Ports.HOST + ":" + port + " failed to start: " + message
                + " (log directory " + logDir + "; --fresh starts from an empty one)", e);
    }

    public String bootstrapServers() {
        return Ports.HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public Path logDir() {
        return logDir;
    }

    public synchronized boolean running() {
        return server != null;
    }

    /** Stops the broker and controller and waits for them; safe to call twice. */
    @Override
    public synchronized void close() {
        if (server != null) {
            safeShutdown(server);
            server = null;
        }
    }

    private static void safeShutdown(KafkaRaftServer s) {
        try {
            s.shutdown();
            s.awaitShutdown();
        } catch (RuntimeException ignored) {
            // shutting down a broker that failed half-way can throw; nothing is left to stop
        }
    }
}
