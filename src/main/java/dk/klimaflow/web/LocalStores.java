package dk.klimaflow.web;

import dk.klimaflow.avro.SectorEmissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * This instance's part of the answer, read from its local state stores by interactive queries: windows of
 * {@code sector-emissions} for an {@link EmissionsQuery} and the counts of {@code ingest-counters}. Windows are read per local
 * partition, because only one partition's store is sorted (the all-partitions view concatenates them): in each, a skip scan
 * finds the series (so a query without sector or carrier opens one iterator per series, not one per window) and a range scan
 * reads each series' windows. A store that is not queryable (rebalancing, restoring) is a 503 with a retry hint.
 */
public final class LocalStores {
    private final Supplier<List<ReadOnlyKeyValueStore<String, SectorEmissions>>> emissions;
    private final Supplier<ReadOnlyKeyValueStore<String, Long>> counters;

    /** {@code emissions} gives one store per local partition; {@code counters} may be the all-partitions view. */
    public LocalStores(Supplier<List<ReadOnlyKeyValueStore<String, SectorEmissions>>> emissions,
                       Supplier<ReadOnlyKeyValueStore<String, Long>> counters) {
        this.emissions = emissions;
        this.counters = counters;
    }

    public static LocalStores of(KafkaStreams streams) {
        return new LocalStores(() -> partitionStores(streams, StoreKeys.EMISSIONS_STORE), () -> store(streams, StoreKeys.COUNTERS_STORE, null));
    }

    private static <V> ReadOnlyKeyValueStore<String, V> store(KafkaStreams streams, String name, Integer partition) {
        try {
            StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> params =
                    StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore());
            return streams.store(partition == null ? params : params.withPartition(partition));
        } catch (InvalidStateStoreException | IllegalStateException e) {
            throw ApiException.unavailable("state store '" + name + "' is not queryable on this instance (streams state "
                    + streams.state() + "): retry in a few seconds (" + e.getMessage() + ")");
        }
    }

    /** One store per partition of {@code name} that is active on this instance. */
    static <V> List<ReadOnlyKeyValueStore<String, V>> partitionStores(KafkaStreams streams, String name) {
        Set<Integer> partitions = new TreeSet<>();
        try {
            for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
                thread.activeTasks().forEach(task -> partitions.add(task.taskId().partition()));
            }
        } catch (IllegalStateException e) {
            throw ApiException.unavailable("Kafka Streams is not running on this instance (state " + streams.state() + "): retry");
        }
        List<ReadOnlyKeyValueStore<String, V>> out = new ArrayList<>();
        for (int p : partitions) {
            ReadOnlyKeyValueStore<String, V> store = store(streams, name, p);
            try {
                store.approximateNumEntries();
                out.add(store);
            } catch (InvalidStateStoreException e) {
                // this partition's task of another sub-topology is here, but not the one holding the store
            }
        }
        return out;
    }

    /** The windows of this instance that match {@code q}, in key order. */
    public List<EmissionWindow> windows(EmissionsQuery q) {
        Map<String, EmissionWindow> merged = new TreeMap<>();
        for (ReadOnlyKeyValueStore<String, SectorEmissions> store : emissions.get()) {
            for (EmissionWindow w : windows(store, q)) {
                merged.put(w.key(), w);
            }
        }
        return new ArrayList<>(merged.values());
    }

    private static List<EmissionWindow> windows(ReadOnlyKeyValueStore<String, SectorEmissions> store, EmissionsQuery q) {
        List<EmissionWindow> out = new ArrayList<>();
        try {
            if (q.sector() != null && q.carrier() != null) {
                scan(store, StoreKeys.series(q.granularity(), q.municipality(), q.sector(), q.carrier()), q, out);
                return out;
            }
            String prefix = StoreKeys.prefix(q.granularity(), q.municipality(), q.sector());
            String cursor = prefix;
            while (true) {
                String series;
                try (KeyValueIterator<String, SectorEmissions> it = store.range(cursor, prefix + StoreKeys.AFTER_PREFIX)) {
                    if (!it.hasNext()) {
                        return out;
                    }
                    series = StoreKeys.seriesOf(it.next().key);
                }
                if (q.carrier() == null || q.carrier().name().equals(StoreKeys.carrierOf(series))) {
                    scan(store, series, q, out);
                }
                cursor = series + StoreKeys.AFTER_SERIES;
            }
        } catch (InvalidStateStoreException e) {
            throw ApiException.unavailable("state store '" + StoreKeys.EMISSIONS_STORE + "' moved during the query: retry ("
                    + e.getMessage() + ")");
        }
    }

    private static void scan(ReadOnlyKeyValueStore<String, SectorEmissions> store, String series, EmissionsQuery q,
                             List<EmissionWindow> out) {
        String from = series + StoreKeys.window(q.fromMillis());
        String to = series + StoreKeys.window(q.toMillis() - 1);
        try (KeyValueIterator<String, SectorEmissions> it = store.range(from, to)) {
            while (it.hasNext()) {
                KeyValue<String, SectorEmissions> kv = it.next();
                if (kv.value != null) {
                    out.add(EmissionWindow.of(q.granularity(), kv.value));
                }
            }
        }
    }

    /** One window by its full store key, or null. */
    public EmissionWindow window(Granularity g, String key) {
        for (ReadOnlyKeyValueStore<String, SectorEmissions> store : emissions.get()) {
            SectorEmissions value = store.get(key);
            if (value != null) {
                return EmissionWindow.of(g, value);
            }
        }
        return null;
    }

    /** All counters of this instance's partitions, by name ({@code in}, {@code accepted}, {@code rejected.MALFORMED}, ...). */
    public Map<String, Long> counters() {
        Map<String, Long> out = new TreeMap<>();
        try (KeyValueIterator<String, Long> it = counters.get().all()) {
            while (it.hasNext()) {
                KeyValue<String, Long> kv = it.next();
                if (kv.value != null) {
                    out.merge(kv.key, kv.value, Long::sum);
                }
            }
        } catch (InvalidStateStoreException e) {
            throw ApiException.unavailable("state store '" + StoreKeys.COUNTERS_STORE + "' moved during the query: retry (" + e.getMessage() + ")");
        }
        return out;
    }
}
