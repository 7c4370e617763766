package dk.klimaflow.config;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The settings {@link KlimaflowConfig} knows and the checks of their values. Input: the key names on
 * {@link KlimaflowConfig}. Output: {@link #DEFAULTS}, every known key with its default value (our {@code klimaflow.} keys,
 * the registry's and the Kafka settings we choose ourselves), {@link #KNOWN}, their names, and {@link #check}, which refuses
 * an unknown {@code klimaflow.} key and a value that does not parse or does not fit (durations, whole numbers, the mode, the
 * backfill horizon, the energy limits, the web port, the registry URL), naming the setting and the fix.
 */
public final class KnownSettings {
    public static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry(StreamsConfig.APPLICATION_ID_CONFIG, "klimaflow"),
            Map.entry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092"),
            Map.entry(KlimaflowConfig.SCHEMA_REGISTRY_URL, "http://127.0.0.1:8081/apis/ccompat/v7"),
            Map.entry(KlimaflowConfig.AUTO_REGISTER, "false"),
            Map.entry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2),
            Map.entry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100"),
            Map.entry(KlimaflowConfig.COMMIT_INTERVAL_BACKLOG_MS, "100"), // commit pacing off by default (README, Performance, items 29 and 32)
            Map.entry(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, String.valueOf(32L << 20)),
            // two stream threads even on two cores: with exactly-once a thread waits for the broker at every commit (its
            // producer's flush and the transaction, about a sixth of a bulk load's wall time), and the other thread's tasks
            // run meanwhile (README, Performance)
            Map.entry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "2"),
            // small fetches per partition: the consumer hands out one partition's fetched data before the next one's, so 1 MiB
            // of backlog per input partition queued ahead of the aggregate-deltas partition held the aggregates back for 20-50 s
            Map.entry(StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), String.valueOf(128 * 1024)),
            Map.entry(StreamsConfig.STATE_DIR_CONFIG, ".klimaflow/streams"),
            Map.entry(KlimaflowConfig.PARTITIONS, "6"),
            Map.entry(KlimaflowConfig.REPLICATION, "1"),
            Map.entry(KlimaflowConfig.PARKING_MAX_AGE, "P7D"),
            Map.entry(KlimaflowConfig.PARKING_MAX_RECORDS, "1000000"),
            Map.entry(KlimaflowConfig.CORRECTION_HORIZON, "P400D"),
            Map.entry(KlimaflowConfig.CLOCK_SKEW, "PT15M"),
            Map.entry(KlimaflowConfig.MODE, "live"),
            Map.entry(KlimaflowConfig.BACKFILL_HORIZON, "P4000D"),
            Map.entry(KlimaflowConfig.MAX_INTERVAL_WH, "100000000"),
            Map.entry(KlimaflowConfig.MAX_HEAT_WH_PER_HOUR, "500000000"),
            Map.entry(KlimaflowConfig.MAX_SERIES_POINTS, "35136"),
            Map.entry(KlimaflowConfig.HEAT_SILENT_AFTER, "PT2H"),
            Map.entry(KlimaflowConfig.PARKING_MAX_RECORDS_PER_UTILITY, "100000"),
            Map.entry(KlimaflowConfig.REGISTRY_RETRY_TIMEOUT, "PT30S"),
            Map.entry(KlimaflowConfig.METHOD_ELECTRICITY, dk.klimaflow.domain.ChpMethods.DEFAULT), // one method for both carriers (issue 9)
            Map.entry(KlimaflowConfig.METHOD_DISTRICT_HEATING, dk.klimaflow.domain.ChpMethods.DEFAULT),
            Map.entry(KlimaflowConfig.ROCKSDB_CACHE_BYTES, String.valueOf(128L << 20)),
            Map.entry(KlimaflowConfig.ROCKSDB_WRITE_BUFFER_BYTES, String.valueOf(64L << 20)),
            Map.entry(KlimaflowConfig.WEB_HOST, "127.0.0.1"),
            Map.entry(KlimaflowConfig.WEB_PORT, "8080"),
            Map.entry(KlimaflowConfig.BASELINE_1990_TONNES, "0"));

    public static final Set<String> KNOWN = new TreeSet<>(DEFAULTS.keySet());

    private KnownSettings() {
    }

    /** Checks the {@code keys} and the values of {@code config}; throws a {@link ConfigException} at the first bad one. */
    static void check(KlimaflowConfig config, Set<String> keys) {
        for (String key : keys) {
            if (key.startsWith("klimaflow.") && !KNOWN.contains(key)) {
                throw new ConfigException("unknown setting '" + key + "': known klimaflow settings are "
                        + KNOWN.stream().filter(k -> k.startsWith("klimaflow.")).toList());
            }
        }
        config.duration(KlimaflowConfig.PARKING_MAX_AGE);
        config.duration(KlimaflowConfig.CORRECTION_HORIZON);
        config.duration(KlimaflowConfig.CLOCK_SKEW);
        config.duration(KlimaflowConfig.HEAT_SILENT_AFTER);
        String mode = KlimaflowConfig.MODE;
        if (!List.of("live", "backfill").contains(config.get(mode))) {
            throw new ConfigException("setting '" + mode + "' = '" + config.get(mode) + "' is not live or backfill");
        }
        String backfill = KlimaflowConfig.BACKFILL_HORIZON;
        String correction = KlimaflowConfig.CORRECTION_HORIZON;
        if (config.duration(backfill).compareTo(config.duration(correction)) <= 0 && config.backfill()) {
            throw new ConfigException("setting '" + backfill + "' = " + config.get(backfill) + " is not longer than '"
                    + correction + "' = " + config.get(correction) + ": the backfill pass takes only history older than the"
                    + " correction horizon, so make it longer (e.g. P4000D)");
        }
        config.duration(KlimaflowConfig.REGISTRY_RETRY_TIMEOUT);
        config.getLong(KlimaflowConfig.PARKING_MAX_RECORDS);
        config.getLong(KlimaflowConfig.PARKING_MAX_RECORDS_PER_UTILITY);
        config.getLong(KlimaflowConfig.MAX_SERIES_POINTS);
        String limits = dk.klimaflow.domain.EnergyLimits.inconsistency(config.getLong(KlimaflowConfig.MAX_INTERVAL_WH),
                config.getLong(KlimaflowConfig.MAX_HEAT_WH_PER_HOUR));
        if (limits != null) {
            throw new ConfigException(limits);
        }
        config.getLong(KlimaflowConfig.PARTITIONS);
        config.getLong(KlimaflowConfig.REPLICATION);
        config.getLong(KlimaflowConfig.ROCKSDB_CACHE_BYTES);
        config.getLong(KlimaflowConfig.ROCKSDB_WRITE_BUFFER_BYTES);
        config.getLong(KlimaflowConfig.COMMIT_INTERVAL_BACKLOG_MS);
        long port = config.getLong(KlimaflowConfig.WEB_PORT);
        if (port > 65535) {
            throw new ConfigException("setting '" + KlimaflowConfig.WEB_PORT + "' = " + port + " is not a port: use 1..65535");
        }
        String url = config.get(KlimaflowConfig.SCHEMA_REGISTRY_URL);
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new ConfigException("setting '" + KlimaflowConfig.SCHEMA_REGISTRY_URL + "' = '" + url
                    + "' is not an http(s) URL: use e.g. http://127.0.0.1:8081/apis/ccompat/v7");
        }
    }
}
