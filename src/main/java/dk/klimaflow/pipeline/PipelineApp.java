package dk.klimaflow.pipeline;

import dk.klimaflow.config.KlimaflowConfig;
import dk.klimaflow.registry.SchemaRegistry;
import dk.klimaflow.registry.SchemaRegistryUnavailableException;
import java.time.Duration;
import java.util.Locale;
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
    private final CommitPacing pacing;

    private PipelineApp(KafkaStreams streams, KlimaflowConfig config, CommitPacing pacing) {
        this.streams = streams;
        this.config = config;
        this.pacing = pacing;
    }

    public static PipelineApp start(KlimaflowConfig config, SchemaRegistry registry) {
        useUsFormatLocale();
        int partitions = InternalTopics.ensure(config);
        PipelineSerdes serdes = PipelineSerdes.create(registry, config.getBoolean(KlimaflowConfig.AUTO_REGISTER));
        CommitPacing pacing = CommitPacing.of(config);
        KafkaStreams streams = new KafkaStreams(EmissionsPipeline.build(config, serdes, pacing), streamsProperties(config));
        streams.setUncaughtExceptionHandler(PipelineApp::onThreadFailure);
        streams.start();
        pacing.watch(streams);
        LOG.info("klimaflow {} pass started: {} partitions, application.id {}", config.backfill() ? "backfill" : "live", partitions,
                PipelinePass.of(config).applicationId());
        String mixed = dk.klimaflow.domain.ChpMethods.mixed(dk.klimaflow.report.AnnualReport.methods(config));
        if (mixed != null) {
            LOG.warn("{}: totals across carriers mix fuel-allocation methods; set klimaflow.factor.method.electricity and"
                    + " .district-heating to one method", mixed);
        }
        return new PipelineApp(streams, config, pacing);
    }

    /**
     * What to do when a stream thread dies. Exactly-once has aborted its transaction, so nothing it did is visible. A registry
     * outage ({@link SchemaRegistryUnavailableException}) and a poison record (noted in the {@link Quarantine}, dead-lettered on
     * the retry) are both answered by replacing the thread, which resumes from the last commit: the pipeline never stops for
     * one record or an outage. Only a JVM {@link Error} (out of memory and the like) shuts this instance down.
     */
    static StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse onThreadFailure(Throwable e) {
        if (e instanceof Error || e.getCause() instanceof Error) {
            LOG.error("pipeline thread failed with a JVM error; shutting down this instance (its tasks move to the others)", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        if (Quarantine.retriable(e)) {
            LOG.warn("schema registry unavailable; replacing the stream thread to retry from the last commit: {}", e.getMessage());
        } else {
            LOG.error("pipeline thread failed; replacing it (a poison record is dead-lettered as PROCESSING_ERROR on the retry)", e);
        }
        return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    static Properties streamsProperties(KlimaflowConfig config) {
        Properties p = config.streamsProperties();
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbConfig.class.getName());
        p.put(KlimaflowConfig.ROCKSDB_CACHE_BYTES, config.get(KlimaflowConfig.ROCKSDB_CACHE_BYTES));
        p.put(KlimaflowConfig.ROCKSDB_WRITE_BUFFER_BYTES, config.get(KlimaflowConfig.ROCKSDB_WRITE_BUFFER_BYTES));
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, String.valueOf(CommitPacing.of(config).streamsCommitIntervalMs()));
        PipelinePass pass = PipelinePass.of(config);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, pass.applicationId());
        if (!pass.backfill()) { // the backfill pass serves no queries
            p.putIfAbsent(StreamsConfig.APPLICATION_SERVER_CONFIG, config.get(KlimaflowConfig.WEB_HOST) + ":" + config.get(KlimaflowConfig.WEB_PORT));
        }
        return p;
    }

    public KafkaStreams streams() {
        return streams;
    }

    public KlimaflowConfig config() {
        return config;
    }

    /**
     * Kafka Streams 4.4 formats a log line with {@code String.format} for every empty input partition of a task at every record,
     * logged or not ({@code PartitionGroup.readyToProcess}); in any format locale but {@code en_US}, each of those builds a new
     * {@code DecimalFormatSymbols} (a JVM started with LANG=C.UTF-8 has the locale "en"): half of that overhead in a bulk load
     * (JFR, README Performance). Our own formatting names its locale ({@code Locale.ROOT}), so only default-locale output
     * such as log lines follows this, and its digits are ASCII either way.
     */
    static void useUsFormatLocale() {
        Locale.setDefault(Locale.Category.FORMAT, Locale.US);
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
        pacing.close();
        streams.close(Duration.ofSeconds(30));
    }
}
