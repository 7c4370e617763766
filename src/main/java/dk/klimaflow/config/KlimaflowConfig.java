package dk.klimaflow.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The one config factory for the pipeline, the CLI and the tests: a properties file, then environment overrides
 * ({@code KLIMAFLOW_BOOTSTRAP_SERVERS} sets {@code bootstrap.servers}; {@code KLIMAFLOW_KLIMAFLOW_PARKING_MAX_AGE} sets
 * {@code klimaflow.parking.max.age}: the name upper-cased with dots as underscores, after the prefix), then defaults filled by
 * {@code putIfAbsent}. Keys starting {@code klimaflow.} are ours and are checked against {@link KnownSettings}; anything else is
 * passed to Kafka clients, which check their own names.
 */
public final class KlimaflowConfig {
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String AUTO_REGISTER = "auto.register.schemas";
    public static final String PARTITIONS = "klimaflow.topic.partitions";
    public static final String REPLICATION = "klimaflow.topic.replication.factor";
    public static final String PARKING_MAX_AGE = "klimaflow.parking.max.age";
    public static final String PARKING_MAX_RECORDS = "klimaflow.parking.max.records";
    public static final String CORRECTION_HORIZON = "klimaflow.correction.horizon";
    public static final String CLOCK_SKEW = "klimaflow.clock.skew";
    /** {@code live} (the pipeline) or {@code backfill} (the pass over history older than the correction horizon). */
    public static final String MODE = "klimaflow.mode";
    /** How far back the backfill pass accepts history (its own correction horizon). */
    public static final String BACKFILL_HORIZON = "klimaflow.backfill.horizon";
    public static final String MAX_INTERVAL_WH = "klimaflow.max.interval.wh";
    public static final String MAX_HEAT_WH_PER_HOUR = "klimaflow.max.heat.wh.per.hour";
    public static final String MAX_SERIES_POINTS = "klimaflow.max.series.points";
    /** A heat meter with no reading for this long shows its hours since its newest reading as missing; PT0S turns it off. */
    public static final String HEAT_SILENT_AFTER = "klimaflow.heat.silent.after";
    public static final String PARKING_MAX_RECORDS_PER_UTILITY = "klimaflow.parking.max.records.per.utility";
    public static final String REGISTRY_RETRY_TIMEOUT = "klimaflow.registry.retry.timeout";
    public static final String METHOD_ELECTRICITY = "klimaflow.factor.method.electricity";
    public static final String METHOD_DISTRICT_HEATING = "klimaflow.factor.method.district-heating";
    public static final String ROCKSDB_CACHE_BYTES = "klimaflow.rocksdb.cache.bytes";
    public static final String ROCKSDB_WRITE_BUFFER_BYTES = "klimaflow.rocksdb.write.buffer.bytes";
    /** Kafka Streams' commit interval while an instance works through a backlog (commit.interval.ms while caught up). */
    public static final String COMMIT_INTERVAL_BACKLOG_MS = "klimaflow.commit.interval.backlog.ms";
    public static final String WEB_HOST = "klimaflow.web.host";
    public static final String WEB_PORT = "klimaflow.web.port";
    public static final String BASELINE_1990_TONNES = "klimaflow.dk2020.baseline.1990.tonnes";

    private final Properties props;

    private KlimaflowConfig(Properties props) {
        this.props = props;
    }

    /** Loads {@code file} (may be null), applies environment overrides and {@code overrides}, fills defaults, validates. */
    public static KlimaflowConfig load(Path file, Map<String, String> env, Map<String, String> overrides) {
        Properties p = new Properties();
        if (file != null) {
            if (!Files.isReadable(file)) {
                throw new ConfigException("config file " + file + " is not readable: pass an existing properties file to --config");
            }
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException e) {
                throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
            }
        }
        env.forEach((k, v) -> {
            if (k.startsWith("KLIMAFLOW_") && !k.equals("KLIMAFLOW_HOME") && !k.equals("KLIMAFLOW_JAVA_OPTS")) {
                p.setProperty(envToKey(k.substring("KLIMAFLOW_".length())), v);
            }
        });
        p.putAll(overrides);
        KnownSettings.DEFAULTS.forEach(p::putIfAbsent);
        KlimaflowConfig config = new KlimaflowConfig(p);
        config.validate();
        return config;
    }

    /** Defaults plus {@code overrides}, no file and no environment: for tests and embedded runs. */
    public static KlimaflowConfig of(Map<String, String> overrides) {
        return load(null, Map.of(), overrides);
    }

    static String envToKey(String env) {
        return env.toLowerCase().replace('_', '.');
    }

    private void validate() {
        KnownSettings.check(this, props.stringPropertyNames());
    }

    public String get(String key) {
        return props.getProperty(key);
    }

    public long getLong(String key) {
        return positiveLong(key);
    }

    public int getInt(String key) {
        return Math.toIntExact(positiveLong(key));
    }

    public boolean getBoolean(String key) {
        return Boolean.parseBoolean(get(key));
    }

    public Duration duration(String key) {
        try {
            return Duration.parse(get(key));
        } catch (RuntimeException e) {
            throw new ConfigException("setting '" + key + "' = '" + get(key) + "' is not an ISO-8601 duration: use e.g. P7D, PT15M or PT0.2S");
        }
    }

    private long positiveLong(String key) {
        try {
            long v = Long.parseLong(get(key).trim());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (RuntimeException e) {
            throw new ConfigException("setting '" + key + "' = '" + get(key) + "' is not a non-negative whole number: fix it in the config file or environment");
        }
    }

    /** Properties for Kafka Streams: everything that is not a klimaflow or registry setting. */
    public Properties streamsProperties() {
        Properties out = new Properties();
        props.forEach((k, v) -> {
            String key = k.toString();
            if (!key.startsWith("klimaflow.") && !key.equals(SCHEMA_REGISTRY_URL) && !key.equals(AUTO_REGISTER)
                    && !key.startsWith("basic.auth.")) {
                out.put(key, v);
            }
        });
        out.putIfAbsent(StreamsConfig.REPLICATION_FACTOR_CONFIG, get(REPLICATION));
        out.putIfAbsent(StreamsConfig.consumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed");
        // the topology has no global store, so this changes nothing but Kafka Streams 4.4's start-up warning about it (the
        // default from Kafka 5.0), which each stream thread's partition assignor logs again from its consumer's settings
        out.putIfAbsent(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
        out.putIfAbsent(StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG), "true");
        return out;
    }

    /** Properties for a plain producer or consumer (bootstrap, security): the Kafka client settings only. */
    public Properties clientProperties() {
        Properties out = new Properties();
        props.forEach((k, v) -> {
            String key = k.toString();
            if (key.equals(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG) || key.startsWith("security.") || key.startsWith("sasl.")
                    || key.startsWith("ssl.")) {
                out.put(key, v);
            }
        });
        out.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "klimaflow-client");
        return out;
    }

    public KlimaflowConfig with(Map<String, String> overrides) {
        Properties p = new Properties();
        p.putAll(props);
        p.putAll(overrides);
        KlimaflowConfig config = new KlimaflowConfig(p);
        config.validate();
        return config;
    }

    /** True for the backfill pass ({@code klimaflow.mode=backfill}). */
    public boolean backfill() {
        return "backfill".equals(get(MODE));
    }

    public Map<String, String> asMap() {
        Map<String, String> m = new java.util.TreeMap<>();
        props.stringPropertyNames().forEach(k -> m.put(k, props.getProperty(k)));
        return m;
    }
}
