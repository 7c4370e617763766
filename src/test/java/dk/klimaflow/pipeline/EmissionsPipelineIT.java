package dk.klimaflow.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.DistrictHeatingReading;
import dk.klimaflow.avro.Edition;
import dk.klimaflow.avro.ElectricityTimeSeries;
import dk.klimaflow.avro.EmissionFactor;
import dk.klimaflow.avro.EnergyUnit;
import dk.klimaflow.avro.HeatReadingEvent;
import dk.klimaflow.avro.MeteringPoint;
import dk.klimaflow.avro.Point;
import dk.klimaflow.avro.Quality;
import dk.klimaflow.avro.ReasonCode;
import dk.klimaflow.avro.RejectedRecord;
import dk.klimaflow.avro.Resolution;
import dk.klimaflow.avro.SectorEmissions;
import dk.klimaflow.config.KlimaflowConfig;
import dk.klimaflow.config.Topics;
import dk.klimaflow.domain.Granularity;
import dk.klimaflow.domain.LocalCalendar;
import dk.klimaflow.embedded.EmbeddedStack;
import dk.klimaflow.embedded.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline on the real embedded broker and registry, as an independent producer sees it: a known set of metering points,
 * readings (with a duplicate, a correction, a late point, a parked metering point), a late factor and bad records give exactly
 * the expected totals on all four aggregate topics under read_committed, each window's revisions without gaps or repeats,
 * and every bad record in the dead-letter topic with its reason.
 */
class EmissionsPipelineIT {
    static final String A = "571313100000000011";
    static final String B = "571313100000000012";
    static final String C = "571313100000000013";
    static final String H = "HM-IT-1";

    @TempDir
    static Path dataDir;
    static EmbeddedStack stack;
    static PipelineApp app;
    static PipelineSerdes serdes;
    static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void start() throws Exception {
        stack = EmbeddedStack.startAndSetUp(dataDir, Ports.free(), Ports.free(), false);
        KlimaflowConfig config = stack.config().with(Map.of(KlimaflowConfig.WEB_PORT, String.valueOf(Ports.free()),
                "state.dir", dataDir.resolve("streams").toString()));
        serdes = PipelineSerdes.create(stack.schemaRegistry(), true);
        app = PipelineApp.start(config, stack.schemaRegistry());
        assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
        Properties p = config.clientProperties();
        p.put("enable.idempotence", "true");
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close();
        }
        if (app != null) {
            app.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    static void send(String topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key, value));
    }

    static ElectricityTimeSeries series(String mp, String utility, Instant start, Resolution res, Instant sentAt, Long... wh) {
        List<Point> points = new ArrayList<>();
        for (Long w : wh) {
            points.add(new Point(w, w == null ? Quality.MISSING : Quality.MEASURED));
        }
        return new ElectricityTimeSeries(mp, utility, start, res, points, sentAt);
    }

    @Test
    void shouldProduceExactTotalsOnAllFourTopicsAndDeadLetterEveryBadRecord() throws Exception {
        Instant now = Instant.now();
        Instant h10 = Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), 3_600_000L) * 3_600_000L).minus(Duration.ofHours(3));
        String grid = "5790000705689";
        var mp = serdes.meteringPoint();
        send(Topics.METERING_POINTS, A, mp.serialize(Topics.METERING_POINTS, new MeteringPoint(A, Carrier.ELECTRICITY, grid, "0187", "I.1", false, dk.klimaflow.avro.PriceArea.DK2, null, dk.klimaflow.avro.MeteringPointType.E17, null)));
        send(Topics.METERING_POINTS, B, mp.serialize(Topics.METERING_POINTS, new MeteringPoint(B, Carrier.ELECTRICITY, grid, "0187", "I.2", true, dk.klimaflow.avro.PriceArea.DK2, null, dk.klimaflow.avro.MeteringPointType.E17, null)));
        send(Topics.METERING_POINTS, H, mp.serialize(Topics.METERING_POINTS, new MeteringPoint(H, Carrier.DISTRICT_HEATING, "heat", "0187", "I.1", false, null, "VEKS", dk.klimaflow.avro.MeteringPointType.E17, null)));
        EmissionFactor dk2 = new EmissionFactor(Carrier.ELECTRICITY, "DK2", h10, h10.plus(Duration.ofHours(1)), 100.0, "125%", Edition.ACTUAL, "it", null, null);
        send(Topics.EMISSION_FACTORS, "ELECTRICITY|DK2|125%|ACTUAL|" + h10, serdes.emissionFactor().serialize(Topics.EMISSION_FACTORS, dk2));

        var el = serdes.electricity();
        send(Topics.ELECTRICITY, A, el.serialize(Topics.ELECTRICITY, series(A, grid, h10, Resolution.PT1H, now.minusSeconds(100), 5000L)));
        send(Topics.ELECTRICITY, A, el.serialize(Topics.ELECTRICITY, series(A, grid, h10, Resolution.PT1H, now.minusSeconds(100), 5000L))); // duplicate
        send(Topics.ELECTRICITY, A, el.serialize(Topics.ELECTRICITY, series(A, grid, h10, Resolution.PT1H, now.minusSeconds(50), 6000L))); // correction
        send(Topics.ELECTRICITY, B, el.serialize(Topics.ELECTRICITY, series(B, grid, h10, Resolution.PT15M, now.minusSeconds(100), 1000L, 1000L, 1000L, null)));
        send(Topics.ELECTRICITY, B, el.serialize(Topics.ELECTRICITY, series(B, grid, h10.plus(Duration.ofMinutes(45)), Resolution.PT15M, now.minusSeconds(10), 1000L))); // late point
        send(Topics.ELECTRICITY, C, el.serialize(Topics.ELECTRICITY, series(C, grid, h10, Resolution.PT1H, now.minusSeconds(100), 2000L))); // parked
        var dh = serdes.districtHeating();
        send(Topics.DISTRICT_HEATING, H, dh.serialize(Topics.DISTRICT_HEATING, new DistrictHeatingReading(H, "heat", h10, 100.0, EnergyUnit.KWH, null, null, null, now, HeatReadingEvent.READING)));
        send(Topics.DISTRICT_HEATING, H, dh.serialize(Topics.DISTRICT_HEATING, new DistrictHeatingReading(H, "heat", h10.plus(Duration.ofHours(1)), 110.0, EnergyUnit.KWH, null, null, null, now, HeatReadingEvent.READING)));
        // bad records
        send(Topics.ELECTRICITY, A, "not avro at all".getBytes());
        send(Topics.ELECTRICITY, A, el.serialize(Topics.ELECTRICITY, series(A, grid, h10, Resolution.PT1H, now, -1L)));
        send(Topics.ELECTRICITY, A, el.serialize(Topics.ELECTRICITY, series(A, "intruder", h10, Resolution.PT1H, now, 1L)));
        send(Topics.ELECTRICITY, A, el.serialize(Topics.ELECTRICITY, series(A, grid, h10.minus(Duration.ofDays(500)), Resolution.PT1H, now, 1L)));
        producer.flush();
        // the parked metering point and the district-heating factor arrive late
        send(Topics.METERING_POINTS, C, mp.serialize(Topics.METERING_POINTS, new MeteringPoint(C, Carrier.ELECTRICITY, grid, "0187", "I.1", false, dk.klimaflow.avro.PriceArea.DK2, null, dk.klimaflow.avro.MeteringPointType.E17, null)));
        Instant year = Instant.ofEpochMilli(LocalCalendar.window(Granularity.YEAR, h10.toEpochMilli()).start());
        EmissionFactor veks = new EmissionFactor(Carrier.DISTRICT_HEATING, "VEKS", year, year.plus(Duration.ofDays(366)), 36.0, "125%", Edition.DECLARATION, "it", null, null);
        send(Topics.EMISSION_FACTORS, "DISTRICT_HEATING|VEKS|125%|DECLARATION|" + year, serdes.emissionFactor().serialize(Topics.EMISSION_FACTORS, veks));
        producer.flush();

        Map<String, long[]> expected = Map.of(
                "I.1|ELECTRICITY", new long[] {8000, 800, 0, 2},
                "I.2|ELECTRICITY", new long[] {4000, 400, 4000, 1},
                "I.1|DISTRICT_HEATING", new long[] {10_000, 360, 0, 1});
        for (Granularity g : Granularity.values()) {
            String ws = LocalCalendar.isoLocal(LocalCalendar.window(g, h10.toEpochMilli()).start());
            Map<String, List<SectorEmissions>> seen = EmissionsPipelineIT.<SectorEmissions>consumeUntil(g.topic(), m -> expected.keySet().stream().allMatch(k -> {
                List<SectorEmissions> l = m.get("0187|" + k + "|" + ws);
                if (l == null) {
                    return false;
                }
                SectorEmissions s = l.get(l.size() - 1);
                long[] e = expected.get(k);
                return s.getEnergyWh() == e[0] && s.getCo2eGrams() == e[1] && s.getPendingFactorWh() == 0;
            }));
            for (var k : expected.entrySet()) {
                List<SectorEmissions> updates = seen.get("0187|" + k.getKey() + "|" + ws);
                SectorEmissions last = updates.get(updates.size() - 1);
                assertThat(last.getMunicipalOperationEnergyWh()).as(g + " " + k.getKey()).isEqualTo(k.getValue()[2]);
                assertThat(last.getMeteringPoints()).as(g + " " + k.getKey()).isEqualTo((int) k.getValue()[3]);
                // revision counts the changes applied; changes published together (one commit) skip numbers, never repeat
                assertThat(updates.get(0).getRevision()).as("first revision of " + k.getKey()).isPositive();
                for (int i = 1; i < updates.size(); i++) {
                    assertThat(updates.get(i).getRevision()).as("revisions of " + k.getKey()).isGreaterThan(updates.get(i - 1).getRevision());
                }
            }
        }
        List<RejectedRecord> rejected = new ArrayList<>();
        EmissionsPipelineIT.<RejectedRecord>consumeUntil(Topics.REJECTED, m -> {
            rejected.clear();
            m.values().forEach(rejected::addAll);
            return rejected.size() >= 4;
        });
        assertThat(rejected).extracting(RejectedRecord::getReasonCode).containsExactlyInAnyOrder(
                ReasonCode.MALFORMED, ReasonCode.INVALID_VALUE, ReasonCode.NOT_OWNER, ReasonCode.TOO_OLD);
        assertThat(rejected).filteredOn(r -> r.getReasonCode() == ReasonCode.MALFORMED).singleElement()
                .satisfies(r -> assertThat(new String(r.getValue().array())).isEqualTo("not avro at all"));
    }

    static <V> Map<String, List<V>> consumeUntil(String topic, Predicate<Map<String, List<V>>> done) {
        return consumeUntil(app.config(), serdes, topic, done);
    }

    /** Reads a topic from the start with read_committed until the condition holds on all values seen per key, or fails. */
    @SuppressWarnings("unchecked")
    static <V> Map<String, List<V>> consumeUntil(KlimaflowConfig config, PipelineSerdes serdes, String topic,
                                                 Predicate<Map<String, List<V>>> done) {
        Properties p = config.clientProperties();
        p.put("group.id", "it-" + topic + "-" + System.nanoTime());
        p.put("auto.offset.reset", "earliest");
        p.put("isolation.level", "read_committed");
        var serde = topic.equals(Topics.REJECTED) ? serdes.rejected() : serdes.sectorEmissions();
        Map<String, List<V>> seen = new HashMap<>();
        try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    seen.computeIfAbsent(String.valueOf(r.key()), k -> new ArrayList<>()).add((V) serde.deserialize(topic, r.value()));
                }
                if (done.test(seen)) {
                    return seen;
                }
            }
        }
        throw new AssertionError("condition not met on " + topic + " within 60 s; seen " + seen);
    }
}
