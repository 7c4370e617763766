package dk.klimaflow.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The one config factory for the pipeline, the CLI and the tests: a properties file, then environment overrides
 * ({@code KLIMAFLOW_BOOTSTRAP_SERVERS} sets {@code bootstrap.servers}; {@code KLIMAFLOW_KLIMAFLOW_PARKING_MAX_AGE} sets
 * {@code klimaflow.parking.max.age}: the name upper-cased with dots as underscores, after the prefix), then defaults filled by
 * {@code putIfAbsent}. Keys starting {@code klimaflow.} are ours and are checked against {@link #KNOWN}; anything else is passed
 * to Kafka clients, which check their own names.
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

    public static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry(StreamsConfig.APPLICATION_ID_CONFIG, "klimaflow"),
            Map.entry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092"),
            Map.entry(SCHEMA_REGISTRY_URL, "http://127.0.0.1:8081/apis/ccompat/v7"),
            Map.entry(AUTO_REGISTER, "false"),
            Map.entry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2),
            Map.entry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100"),
            Map.entry(COMMIT_INTERVAL_BACKLOG_MS, "100"), // commit pacing off by default (README, Performance, items 29 and 32)
            Map.entry(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, String.valueOf(32L << 20)),
            // two stream threads even on two cores: with exactly-once a thread waits for the broker at every commit (its
            // producer's flush and the transaction, about a sixth of a bulk load's wall time), and the other thread's tasks
            // run meanwhile (README, Performance)
            Map.entry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "2"),
            // small fetches per partition: the consumer hands out one partition's fetched data before the next one's, so 1 MiB
            // of backlog per input partition queued ahead of the aggregate-deltas partition held the aggregates back for 20-50 s
            Map.entry(StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), String.valueOf(128 * 1024)),
            Map.entry(StreamsConfig.STATE_DIR_CONFIG, ".klimaflow/streams"),
            Map.entry(PARTITIONS, "6"),
            Map.entry(REPLICATION, "1"),
            Map.entry(PARKING_MAX_AGE, "P7D"),
            Map.entry(PARKING_MAX_RECORDS, "1000000"),
            Map.entry(CORRECTION_HORIZON, "P400D"),
            Map.entry(CLOCK_SKEW, "PT15M"),
            Map.entry(MODE, "live"),
            Map.entry(BACKFILL_HORIZON, "P4000D"),
            Map.entry(MAX_INTERVAL_WH, "100000000"),
            Map.entry(MAX_HEAT_WH_PER_HOUR, "500000000"),
            Map.entry(MAX_SERIES_POINTS, "35136"),
            Map.entry(HEAT_SILENT_AFTER, "PT2H"),
            Map.entry(PARKING_MAX_RECORDS_PER_UTILITY, "100000"),
            Map.entry(REGISTRY_RETRY_TIMEOUT, "PT30S"),
            Map.entry(METHOD_ELECTRICITY, dk.klimaflow.domain.ChpMethods.DEFAULT), // one method for both carriers (issue 9)
            Map.entry(METHOD_DISTRICT_HEATING, dk.klimaflow.domain.ChpMethods.DEFAULT),
            Map.entry(ROCKSDB_CACHE_BYTES, String.valueOf(128L << 20)),
            Map.entry(ROCKSDB_WRITE_BUFFER_BYTES, String.valueOf(64L << 20)),
            Map.entry(WEB_HOST, "127.0.0.1"),
            Map.entry(WEB_PORT, "8080"),
            Map.entry(BASELINE_1990_TONNES, "0"));

    public static final Set<String> KNOWN = new TreeSet<>(DEFAULTS.keySet());

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
        DEFAULTS.forEach(p::putIfAbsent);
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
        for (String key : props.stringPropertyNames()) {
            if (key.startsWith("klimaflow.") && !KNOWN.contains(key)) {
                throw new ConfigException("unknown setting '" + key + "': known klimaflow settings are "
                        + KNOWN.stream().filter(k -> k.startsWith("klimaflow.")).toList());
            }
        }
        duration(PARKING_MAX_AGE);
        duration(CORRECTION_HORIZON);
        duration(CLOCK_SKEW);
        duration(HEAT_SILENT_AFTER);
        if (!List.of("live", "backfill").contains(get(MODE))) {
            throw new ConfigException("setting '" + MODE + "' = '" + get(MODE) + "' is not live or backfill");
        }
        if (duration(BACKFILL_HORIZON).compareTo(duration(CORRECTION_HORIZON)) <= 0 && backfill()) {
            throw new ConfigException("setting '" + BACKFILL_HORIZON + "' = " + get(BACKFILL_HORIZON) + " is not longer than '"
                    + CORRECTION_HORIZON + "' = " + get(CORRECTION_HORIZON) + ": the backfill pass takes only history older than the"
                    + " correction horizon, so make it longer (e.g. P4000D)");
        }
        duration(REGISTRY_RETRY_TIMEOUT);
        positiveLong(PARKING_MAX_RECORDS);
        positiveLong(PARKING_MAX_RECORDS_PER_UTILITY);
        positiveLong(MAX_SERIES_POINTS);
        String limits = dk.klimaflow.domain.EnergyLimits.inconsistency(positiveLong(MAX_INTERVAL_WH), positiveLong(MAX_HEAT_WH_PER_HOUR));
        if (limits != null) {
            throw new ConfigException(limits);
        }
        positiveLong(PARTITIONS);
        positiveLong(REPLICATION);
        positiveLong(ROCKSDB_CACHE_BYTES);
        positiveLong(ROCKSDB_WRITE_BUFFER_BYTES);
        positiveLong(COMMIT_INTERVAL_BACKLOG_MS);
        long port = positiveLong(WEB_PORT);
        if (port > 65535) {
            throw new ConfigException("setting '" + WEB_PORT + "' = " + port + " is not a port: use 1..65535");
        }
        String url = get(SCHEMA_REGISTRY_URL);
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new ConfigException("setting '" + SCHEMA_REGISTRY_URL + "' = '" + url + "' is not an http(s) URL: use e.g. http://127.0.0.1:8081/apis/ccompat/v7");
        }
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
