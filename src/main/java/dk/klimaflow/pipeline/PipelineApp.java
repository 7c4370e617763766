package dk.klimaflow.pipeline;

import dk.klimaflow.config.KlimaflowConfig;
import dk.klimaflow.registry.SchemaRegistry;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link EmissionsPipeline} against any Kafka cluster and Confluent-compatible registry: prepares the internal topics,
 * starts Kafka Streams with exactly-once v2 and bounded RocksDB memory, and advertises its web endpoint
 * ({@code application.server}) for interactive queries. Wiring only; the logic is in the topology.
 */
public final class PipelineApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineApp.class);

    private final KafkaStreams streams;
    private final KlimaflowConfig config;

    private PipelineApp(KafkaStreams streams, KlimaflowConfig config) {
        this.streams = streams;
        this.config = config;
    }

    public static PipelineApp start(KlimaflowConfig config, SchemaRegistry registry) {
        int partitions = InternalTopics.ensure(config);
        PipelineSerdes serdes = PipelineSerdes.create(registry, config.getBoolean(KlimaflowConfig.AUTO_REGISTER));
        KafkaStreams streams = new KafkaStreams(EmissionsPipeline.build(config, serdes), streamsProperties(config));
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("pipeline thread failed; shutting down this instance (its tasks move to the others)", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.start();
        LOG.info("klimaflow pipeline started: {} partitions, application.id {}", partitions, config.get(StreamsConfig.APPLICATION_ID_CONFIG));
        return new PipelineApp(streams, config);
    }

    static Properties streamsProperties(KlimaflowConfig config) {
        Properties p = config.streamsProperties();
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbConfig.class.getName());
        p.put(KlimaflowConfig.ROCKSDB_CACHE_BYTES, config.get(KlimaflowConfig.ROCKSDB_CACHE_BYTES));
        p.put(KlimaflowConfig.ROCKSDB_WRITE_BUFFER_BYTES, config.get(KlimaflowConfig.ROCKSDB_WRITE_BUFFER_BYTES));
        p.putIfAbsent(StreamsConfig.APPLICATION_SERVER_CONFIG, config.get(KlimaflowConfig.WEB_HOST) + ":" + config.get(KlimaflowConfig.WEB_PORT));
        return p;
    }

    public KafkaStreams streams() {
        return streams;
    }

    public KlimaflowConfig config() {
        return config;
    }

    /** Polls until the instance is RUNNING or the deadline passes; true if running. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (streams.state() == KafkaStreams.State.RUNNING) {
                return true;
            }
            if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                return false;
            }
            synchronized (this) {
                wait(50);
            }
        }
        return false;
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
    }
}
