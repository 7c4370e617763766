package dk.klimaflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.Edition;
import dk.klimaflow.avro.SectorEmissions;
import dk.klimaflow.registry.AvroSerde;
import dk.klimaflow.registry.InMemorySchemaRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The skip scan and range scans of {@link LocalStores} on real Kafka Streams key-value stores (in TopologyTestDriver): two
 * stores stand for two partitions of {@code sector-emissions} on one instance, with the series spread over both.
 */
class LocalStoresTest {
    private static final Instant NOV1 = Instant.parse("2026-10-31T23:00:00Z");
    private static final Instant NOV2 = Instant.parse("2026-11-01T23:00:00Z");
    private static final Instant DEC1 = Instant.parse("2026-11-30T23:00:00Z");

    /** Only there so the stores have a processor to belong to; the test writes the stores directly. */
    static final class Noop implements Processor<Object, Object, Void, Void> {
        @Override
        public void process(Record<Object, Object> record) {
        }
    }

    private TopologyTestDriver driver;
    private KeyValueStore<String, SectorEmissions> partition0;
    private KeyValueStore<String, SectorEmissions> partition1;
    private KeyValueStore<String, Long> counters;
    private LocalStores local;

    @BeforeEach
    void setUp() {
        TestWindows.trustGeneratedClasses();
        AvroSerde<SectorEmissions> serde = AvroSerde.forValue(SectorEmissions.class, new InMemorySchemaRegistry(), true);
        Topology topology = new Topology();
        topology.addSource("in", new org.apache.kafka.common.serialization.StringDeserializer(), new org.apache.kafka.common.serialization.StringDeserializer(), "web-test.in");
        topology.addProcessor("noop", Noop::new, "in");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreKeys.EMISSIONS_STORE), Serdes.String(), serde), "noop");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreKeys.EMISSIONS_STORE + "-1"), Serdes.String(), serde), "noop");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreKeys.COUNTERS_STORE), Serdes.String(), Serdes.Long()), "noop");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "web-local-stores-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(topology, props);
        partition0 = driver.getKeyValueStore(StoreKeys.EMISSIONS_STORE);
        partition1 = driver.getKeyValueStore(StoreKeys.EMISSIONS_STORE + "-1");
        counters = driver.getKeyValueStore(StoreKeys.COUNTERS_STORE);
        local = new LocalStores(() -> List.of(partition0, partition1), () -> counters);

        put(Granularity.DAY, "0187", "I.1", Carrier.ELECTRICITY, NOV1, 1000);
        put(Granularity.DAY, "0187", "I.1", Carrier.ELECTRICITY, NOV2, 2000);
        put(Granularity.DAY, "0187", "I.1", Carrier.ELECTRICITY, DEC1, 4000);
        put(Granularity.DAY, "0187", "I.1", Carrier.DISTRICT_HEATING, NOV1, 8000);
        put(Granularity.DAY, "0187", "I.1.2", Carrier.ELECTRICITY, NOV1, 16000);
        put(Granularity.DAY, "0187", "I.2", Carrier.DISTRICT_HEATING, NOV2, 32000);
        put(Granularity.DAY, "0188", "I.1", Carrier.ELECTRICITY, NOV1, 64000);
        put(Granularity.MONTH, "0187", "I.1", Carrier.ELECTRICITY, NOV1, 128000);
        put(Granularity.HOUR, "0187", "I.1", Carrier.ELECTRICITY, NOV1, 256000);
    }

    private void put(Granularity g, String municipality, String sector, Carrier carrier, Instant start, long wh) {
        SectorEmissions e = TestWindows.window(g, municipality, sector, carrier, start, wh, wh / 10, Edition.ACTUAL, 1);
        // a series whose key hashes odd lives in the second store: keys are spread as the partitioner spreads them
        (Math.floorMod(TestWindows.key(g, e).hashCode(), 2) == 0 ? partition0 : partition1).put(TestWindows.key(g, e), e);
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private List<Long> energy(String query) {
        return local.windows(EmissionsQuery.parse(QueryParams.parse(query))).stream().map(EmissionWindow::energyWh).toList();
    }

    @Test
    void shouldFindEveryWindowOfTheMunicipalityAndGranularityInTheRangeAcrossSeries() {
        assertThat(partition0.approximateNumEntries()).isPositive();
        assertThat(partition1.approximateNumEntries()).isPositive();
        assertThat(energy("municipality=0187&granularity=day&from=2026-11-01&to=2026-12-01"))
                .containsExactly(16000L, 8000L, 1000L, 2000L, 32000L);
    }

    @Test
    void shouldFilterBySectorWithoutMatchingLongerSectorCodes() {
        assertThat(energy("municipality=0187&granularity=day&from=2026-11-01&to=2026-12-01&sector=I.1")).containsExactly(8000L, 1000L, 2000L);
    }

    @Test
    void shouldFilterByCarrierAcrossSectors() {
        assertThat(energy("municipality=0187&granularity=day&from=2026-11-01&to=2026-12-31&carrier=district-heating"))
                .containsExactly(8000L, 32000L);
    }

    @Test
    void shouldUseAnExactSeriesScanWhenSectorAndCarrierAreGiven() {
        assertThat(energy("municipality=0187&granularity=day&from=2026-11-02&to=2026-12-02&sector=I.1&carrier=electricity"))
                .containsExactly(2000L, 4000L);
    }

    @Test
    void shouldExcludeTheWindowStartingExactlyAtTo() {
        assertThat(energy("municipality=0187&granularity=day&from=2026-11-01&to=2026-11-02&sector=I.1&carrier=electricity"))
                .containsExactly(1000L);
    }

    @Test
    void shouldAnswerNothingForAnotherMunicipalityOrAnEmptyRange() {
        assertThat(energy("municipality=0101&granularity=day&from=2026-11-01&to=2026-12-01")).isEmpty();
        assertThat(energy("municipality=0187&granularity=year&from=2026-01-01&to=2027-01-01")).isEmpty();
    }

    @Test
    void shouldReadOneWindowByKeyAndTheCounters() {
        String key = StoreKeys.key(Granularity.MONTH, "0187", "I.1", Carrier.ELECTRICITY, NOV1.toEpochMilli());
        assertThat(local.window(Granularity.MONTH, key).energyWh()).isEqualTo(128000L);
        assertThat(local.window(Granularity.MONTH, key + "0")).isNull();
        counters.put("in", 10L);
        counters.put("accepted", 7L);
        counters.put("rejected.MALFORMED", 3L);
        assertThat(local.counters()).containsEntry("in", 10L).containsEntry("accepted", 7L).containsEntry("rejected.MALFORMED", 3L);
    }
}
