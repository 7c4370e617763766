package dk.klimaflow.pipeline;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.DistrictHeatingReading;
import dk.klimaflow.avro.Edition;
import dk.klimaflow.avro.ElectricityTimeSeries;
import dk.klimaflow.avro.EmissionFactor;
import dk.klimaflow.avro.EnergyUnit;
import dk.klimaflow.avro.HeatReadingEvent;
import dk.klimaflow.avro.MeteringPoint;
import dk.klimaflow.avro.Point;
import dk.klimaflow.avro.PriceArea;
import dk.klimaflow.avro.Quality;
import dk.klimaflow.avro.RejectedRecord;
import dk.klimaflow.avro.Resolution;
import dk.klimaflow.avro.SectorEmissions;
import dk.klimaflow.config.KlimaflowConfig;
import dk.klimaflow.config.Topics;
import dk.klimaflow.domain.Granularity;
import dk.klimaflow.registry.InMemorySchemaRegistry;
import dk.klimaflow.registry.SchemaRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Drives the real {@link EmissionsPipeline} topology in a TopologyTestDriver with an in-memory registry: typed helpers to
 * send metering points, readings and factors, advance the wall clock (flushes), and read the latest aggregate per key.
 */
final class PipelineHarness implements AutoCloseable {
    static final String OWNER = "5790000705689";
    static final String HEAT_OWNER = "vallensbaek-fjernvarme";

    final KlimaflowConfig config;
    final PipelinePass pass;
    final PipelineSerdes serdes;
    final TopologyTestDriver driver;
    private final Map<String, Map<String, SectorEmissions>> latest = new HashMap<>();
    private final List<RejectedRecord> rejected = new ArrayList<>();
    private final Map<String, Long> revisions = new HashMap<>();
    private final List<String> revisionErrors = new ArrayList<>();
    private Instant clock;
    private final java.nio.file.Path stateDir;

    PipelineHarness(Instant wallClock) {
        this(wallClock, Map.of());
    }

    PipelineHarness(Instant wallClock, Map<String, String> overrides) {
        this(wallClock, overrides, new InMemorySchemaRegistry(), null);
    }

    /**
     * Test records are written with {@code writer}; the topology reads them through {@code reader} (null: the same registry),
     * e.g. a {@link dk.klimaflow.registry.RestSchemaRegistry} against a local HTTP server that is down or answers 503.
     */
    PipelineHarness(Instant wallClock, Map<String, String> overrides, InMemorySchemaRegistry writer, SchemaRegistry reader) {
        // commit interval 1 ms: every flush() (the wall clock 1 ms on) publishes the unpublished window changes
        // the methods the tests' factors are written with (the default is one method for both carriers: KlimaflowConfigTest)
        Map<String, String> all = new HashMap<>(Map.of("application.id", "klimaflow-test", "bootstrap.servers", "127.0.0.1:1",
                "commit.interval.ms", "1", KlimaflowConfig.METHOD_ELECTRICITY, "125%", KlimaflowConfig.METHOD_DISTRICT_HEATING, "200%"));
        all.putAll(overrides);
        config = KlimaflowConfig.of(all);
        pass = PipelinePass.of(config);
        serdes = PipelineSerdes.create(writer, true);
        PipelineSerdes topologySerdes = reader == null ? serdes : PipelineSerdes.create(reader, true);
        var props = config.streamsProperties();
        props.remove("processing.guarantee");
        // RocksDB flushes its stores on every commit, and the driver commits after every record: keep them in memory-backed files
        String tmp = java.nio.file.Files.isDirectory(java.nio.file.Path.of("/dev/shm")) ? "/dev/shm" : System.getProperty("java.io.tmpdir");
        stateDir = java.nio.file.Path.of(tmp, "klimaflow-ttd-" + System.nanoTime());
        props.put("state.dir", stateDir.toString());
        driver = new TopologyTestDriver(EmissionsPipeline.build(config, topologySerdes), props, wallClock);
        clock = wallClock;
    }

    static MeteringPoint electricityPoint(String id, String sector, boolean municipal) {
        return new MeteringPoint(id, Carrier.ELECTRICITY, OWNER, "0187", sector, municipal, PriceArea.DK2, null, dk.klimaflow.avro.MeteringPointType.E17, null);
    }

    static MeteringPoint heatMeter(String id, String sector) {
        return new MeteringPoint(id, Carrier.DISTRICT_HEATING, HEAT_OWNER, "0187", sector, false, null, "VEKS", dk.klimaflow.avro.MeteringPointType.E17, null);
    }

    void send(MeteringPoint mp) {
        pipeBytes(pass.meteringPoints(), mp.getId(), serdes.meteringPoint().serialize(pass.meteringPoints(), mp));
    }

    void send(ElectricityTimeSeries ts) {
        pipeBytes(pass.electricity(), ts.getMeteringPointId(), serdes.electricity().serialize(pass.electricity(), ts));
    }

    void send(DistrictHeatingReading r) {
        pipeBytes(pass.districtHeating(), r.getMeterId(), serdes.districtHeating().serialize(pass.districtHeating(), r));
    }

    void send(dk.klimaflow.avro.DistrictHeatingSeries s) {
        pipeBytes(pass.heatSeries(), s.getMeterId(), serdes.districtHeatingSeries().serialize(pass.heatSeries(), s));
    }

    /** The readings as one series (meter, utility, unit and sentAt of the first). */
    static dk.klimaflow.avro.DistrictHeatingSeries heatSeries(List<DistrictHeatingReading> readings) {
        DistrictHeatingReading first = readings.get(0);
        List<dk.klimaflow.avro.HeatRegisterPoint> points = readings.stream().map(r -> new dk.klimaflow.avro.HeatRegisterPoint(r.getReadAt(),
                r.getEnergyRegister(), r.getVolumeM3(), r.getFlowTempC(), r.getReturnTempC(), r.getEvent())).toList();
        return new dk.klimaflow.avro.DistrictHeatingSeries(first.getMeterId(), first.getUtilityId(), first.getUnit(), new ArrayList<>(points),
                first.getSentAt());
    }

    void send(EmissionFactor f) {
        pipeBytes(Topics.EMISSION_FACTORS, factorKey(f), serdes.emissionFactor().serialize(Topics.EMISSION_FACTORS, f));
    }

    static String factorKey(EmissionFactor f) {
        return f.getCarrier() + "|" + f.getArea() + "|" + f.getMethod() + "|" + f.getEdition() + "|" + f.getValidFrom();
    }

    void pipeBytes(String topic, String key, byte[] value) {
        driver.createInputTopic(topic, Serdes.String().serializer(), Serdes.ByteArray().serializer())
                .pipeInput(key, value, clock);
    }

    static ElectricityTimeSeries series(String mp, Instant start, Resolution res, Instant sentAt, Long... wh) {
        List<Point> points = new ArrayList<>();
        for (Long w : wh) {
            points.add(new Point(w, w == null ? Quality.MISSING : Quality.MEASURED));
        }
        return new ElectricityTimeSeries(mp, OWNER, start, res, points, sentAt);
    }

    static DistrictHeatingReading heat(String meter, Instant readAt, double register, EnergyUnit unit, Instant sentAt) {
        return heat(meter, readAt, register, unit, sentAt, HeatReadingEvent.READING);
    }

    static DistrictHeatingReading heat(String meter, Instant readAt, double register, EnergyUnit unit, Instant sentAt, HeatReadingEvent event) {
        return new DistrictHeatingReading(meter, HEAT_OWNER, readAt, register, unit, null, null, null, sentAt, event);
    }

    static EmissionFactor factor(Carrier carrier, String area, Instant from, Duration span, double grams, String method, Edition edition) {
        return new EmissionFactor(carrier, area, from, from.plus(span), grams, method, edition, "test", null, null);
    }

    /** Advances the wall clock by a millisecond and drains the outputs (the driver commits, so flushes its caches, after every record). */
    void flush() {
        advance(Duration.ofMillis(1));
    }

    void advance(Duration d) {
        driver.advanceWallClockTime(d);
        clock = clock.plus(d);
        drain();
    }

    private void drain() {
        for (Granularity g : Granularity.values()) {
            var out = driver.createOutputTopic(g.topic(), Serdes.String().deserializer(), serdes.sectorEmissions().deserializer());
            out.readKeyValuesToList().forEach(kv -> {
                latest.computeIfAbsent(g.topic(), t -> new HashMap<>()).put(kv.key, kv.value);
                Long before = revisions.put(g + "|" + kv.key, kv.value.getRevision());
                if (before != null && kv.value.getRevision() <= before) {
                    revisionErrors.add(g + " " + kv.key + ": revision " + kv.value.getRevision() + " published after " + before);
                }
            });
        }
        var dlq = driver.createOutputTopic(Topics.REJECTED, Serdes.ByteArray().deserializer(), serdes.rejected().deserializer());
        dlq.readValuesToList().forEach(rejected::add);
    }

    /** The window changes this topology wrote to its aggregate-deltas sink since the last call (the backfill pass's output). */
    List<org.apache.kafka.streams.KeyValue<String, byte[]>> deltasWritten() {
        return driver.createOutputTopic(pass.aggregateDeltas(), Serdes.String().deserializer(), Serdes.ByteArray().deserializer())
                .readKeyValuesToList();
    }

    /** Feeds window changes (another pass's output) into this topology's aggregate-deltas topic, as the broker would. */
    void receiveDeltas(List<org.apache.kafka.streams.KeyValue<String, byte[]>> deltas) {
        deltas.forEach(kv -> pipeBytes(pass.aggregateDeltas(), kv.key, kv.value));
        flush();
    }

    Map<String, SectorEmissions> latest(Granularity g) {
        drain();
        return latest.getOrDefault(g.topic(), Map.of());
    }

    SectorEmissions latest(Granularity g, String key) {
        return latest(g).get(key);
    }

    /** Every published update whose revision did not rise above the one published before it for the same window. */
    List<String> revisionErrors() {
        drain();
        return revisionErrors;
    }

    List<RejectedRecord> rejected() {
        drain();
        return rejected;
    }

    Map<String, Long> counters() {
        KeyValueStore<String, Long> store = driver.getKeyValueStore(StoreNames.COUNTERS);
        Map<String, Long> m = new HashMap<>();
        try (var it = store.all()) {
            it.forEachRemaining(kv -> m.put(kv.key, kv.value));
        }
        return m;
    }

    @Override
    public void close() {
        driver.close();
        stateDir.toFile().delete(); // the driver empties it; an empty directory is left otherwise
    }
}
