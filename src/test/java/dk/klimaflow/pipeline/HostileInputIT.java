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
import dk.klimaflow.avro.PriceArea;
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
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Future;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken input on the real embedded broker and registry, as an independent producer would send it: over 10,000
 * records of random bytes, truncated Avro, unknown schema ids, valid Avro of other schemas, huge and negative values, arrays
 * that claim billions of items, far-future and far-past periods, periods at the ends of time, oversized series, wrong keys and
 * owners, bad factors, a flood of unknown metering points from one utility, and a record that would overflow a year's CO2e
 * (a poison pill, quarantined and dead-lettered on the retry), mixed with good records. Checks under read_committed that every
 * hostile record is in energy.readings.rejected with its reason (matched by source topic, partition and offset), that the
 * good records are in the aggregates exactly, including a second utility's parked reading that the flood could not crowd
 * out, and that the pipeline is RUNNING throughout.
 */
class HostileInputIT {
    static final String GRID = "5790000705689";
    static final String OTHER_GRID = "5790000000005";
    static final String HOSTILE_GRID = "5790000000666";
    static final String A = "571313100000000021";
    static final String C = "571313100000000023";
    static final String POISON = "571313100000000029";
    static final String H = "HM-HOSTILE-1";

    @TempDir
    static Path dataDir;
    static EmbeddedStack stack;
    static PipelineApp app;
    static PipelineSerdes serdes;
    static KafkaProducer<byte[], byte[]> producer;

    /** What each record sent should become: its source coordinates and the reasons it may be dead-lettered with. */
    record Expected(String topic, int partition, long offset, Set<ReasonCode> reasons, String what) {
    }

    final List<Future<RecordMetadata>> sent = new ArrayList<>();
    final List<Set<ReasonCode>> reasons = new ArrayList<>();
    final List<String> whats = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        stack = EmbeddedStack.startAndSetUp(dataDir, Ports.free(), Ports.free(), false);
        KlimaflowConfig config = stack.config().with(Map.of(KlimaflowConfig.WEB_PORT, String.valueOf(Ports.free()),
                "state.dir", dataDir.resolve("streams").toString(),
                KlimaflowConfig.PARKING_MAX_AGE, "PT3S",
                KlimaflowConfig.PARKING_MAX_RECORDS, "200",
                KlimaflowConfig.PARKING_MAX_RECORDS_PER_UTILITY, "20"));
        serdes = PipelineSerdes.create(stack.schemaRegistry(), true);
        app = PipelineApp.start(config, stack.schemaRegistry());
        assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
        Properties p = config.clientProperties();
        p.put("enable.idempotence", "true");
        p.put("max.request.size", String.valueOf(4 << 20));
        producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
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

    private void good(String topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value));
    }

    private void hostile(String what, String topic, String key, byte[] value, ReasonCode... expected) {
        sent.add(producer.send(new ProducerRecord<>(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value)));
        reasons.add(EnumSet.copyOf(Arrays.asList(expected)));
        whats.add(what);
    }

    static ElectricityTimeSeries series(String mp, String utility, Instant start, Resolution res, Instant sentAt, List<Long> wh) {
        List<Point> points = new ArrayList<>();
        for (Long w : wh) {
            points.add(new Point(w, w == null ? Quality.MISSING : Quality.MEASURED));
        }
        return new ElectricityTimeSeries(mp, utility, start, res, points, sentAt);
    }

    static byte[] el(ElectricityTimeSeries ts) {
        return serdes.electricity().serialize(Topics.ELECTRICITY, ts);
    }

    static byte[] dh(String meter, Instant at, double register, EnergyUnit unit, Instant sentAt) {
        return serdes.districtHeating().serialize(Topics.DISTRICT_HEATING, new DistrictHeatingReading(meter, "heat", at, register, unit, null, null, null, sentAt, HeatReadingEvent.READING));
    }

    static byte[] factor(EmissionFactor f) {
        return serdes.emissionFactor().serialize(Topics.EMISSION_FACTORS, f);
    }

    static String factorKey(EmissionFactor f) {
        return f.getCarrier() + "|" + f.getArea() + "|" + f.getMethod() + "|" + f.getEdition() + "|" + f.getValidFrom();
    }

    /** A real electricity series header whose points array claims {@code count} items and then ends. */
    static byte[] claiming(long count, Instant h, Instant now) throws Exception {
        byte[] valid = el(series(A, GRID, h, Resolution.PT1H, now, List.of(1L)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Arrays.copyOf(valid, 5));
        BinaryEncoder e = EncoderFactory.get().directBinaryEncoder(out, null);
        e.writeString(A);
        e.writeString(GRID);
        e.writeLong(h.toEpochMilli());
        e.writeEnum(Resolution.PT1H.ordinal());
        e.writeArrayStart();
        e.setItemCount(count);
        e.flush();
        return out.toByteArray();
    }

    @Test
    void shouldDeadLetterEveryHostileRecordWithItsReasonAndCountTheGoodOnesExactly() throws Exception {
        Random random = new Random(8);
        Instant now = Instant.now();
        Instant h = Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), 3_600_000L) * 3_600_000L).minus(Duration.ofHours(4));
        var mp = serdes.meteringPoint();
        good(Topics.METERING_POINTS, A, mp.serialize(Topics.METERING_POINTS, new MeteringPoint(A, Carrier.ELECTRICITY, GRID, "0187", "I.1", false, PriceArea.DK2, null, dk.klimaflow.avro.MeteringPointType.E17, null)));
        good(Topics.METERING_POINTS, POISON, mp.serialize(Topics.METERING_POINTS, new MeteringPoint(POISON, Carrier.ELECTRICITY, GRID, "0187", "I.3", false, PriceArea.DK2, null, dk.klimaflow.avro.MeteringPointType.E17, null)));
        good(Topics.METERING_POINTS, H, mp.serialize(Topics.METERING_POINTS, new MeteringPoint(H, Carrier.DISTRICT_HEATING, "heat", "0187", "I.1", false, null, "VEKS", dk.klimaflow.avro.MeteringPointType.E17, null)));
        EmissionFactor dk2 = new EmissionFactor(Carrier.ELECTRICITY, "DK2", h, h.plus(Duration.ofHours(4)), 100.0, "125%", Edition.ACTUAL, "it", null, null);
        EmissionFactor veks = new EmissionFactor(Carrier.DISTRICT_HEATING, "VEKS", h, h.plus(Duration.ofHours(4)), 50.0, "125%", Edition.ACTUAL, "it", null, null);
        good(Topics.EMISSION_FACTORS, factorKey(dk2), factor(dk2));
        good(Topics.EMISSION_FACTORS, factorKey(veks), factor(veks));
        good(Topics.ELECTRICITY, A, el(series(A, GRID, h, Resolution.PT1H, now.minusSeconds(60), List.of(1000L, 2000L, 3000L))));
        good(Topics.DISTRICT_HEATING, H, dh(H, h, 100.0, EnergyUnit.KWH, now));
        good(Topics.DISTRICT_HEATING, H, dh(H, h.plus(Duration.ofHours(1)), 110.0, EnergyUnit.KWH, now));
        producer.flush();

        byte[] goodSeries = el(series(A, GRID, h, Resolution.PT1H, now.minusSeconds(30), List.of(1000L, 2000L, 3000L)));
        for (int i = 0; i < 3000; i++) { // random bytes, never Confluent wire format (first byte not 0)
            byte[] junk = new byte[random.nextInt(200)];
            random.nextBytes(junk);
            if (junk.length > 0 && junk[0] == 0) {
                junk[0] = 1;
            }
            hostile("random bytes", i % 2 == 0 ? Topics.ELECTRICITY : Topics.DISTRICT_HEATING, i % 3 == 0 ? null : "k" + i, junk, ReasonCode.MALFORMED);
        }
        for (int i = 0; i < 1500; i++) {
            hostile("truncated Avro", Topics.ELECTRICITY, A, Arrays.copyOf(goodSeries, 5 + random.nextInt(goodSeries.length - 5)), ReasonCode.MALFORMED);
        }
        for (int i = 0; i < 1000; i++) {
            byte[] unknownId = ByteBuffer.allocate(13).put((byte) 0).putInt(100_000 + i % 200).putLong(random.nextLong()).array();
            hostile("unknown schema id", Topics.ELECTRICITY, A, unknownId, ReasonCode.MALFORMED);
        }
        for (int i = 0; i < 1000; i++) { // valid Avro, registered, of another schema
            byte[] other = switch (i % 3) {
                case 0 -> mp.serialize(Topics.METERING_POINTS, new MeteringPoint(A, Carrier.ELECTRICITY, GRID, "0187", "I.1", false, PriceArea.DK2, null, dk.klimaflow.avro.MeteringPointType.E17, null));
                case 1 -> dh(A, h, 1.0, EnergyUnit.KWH, now);
                default -> factor(dk2);
            };
            hostile("Avro of another schema", Topics.ELECTRICITY, A, other, ReasonCode.MALFORMED);
        }
        for (int i = 0; i < 500; i++) {
            hostile("array claiming billions", Topics.ELECTRICITY, A, claiming(i % 2 == 0 ? 2_000_000_000L : 1_000_000_000L + i, h, now), ReasonCode.MALFORMED);
        }
        long[] huge = {Long.MAX_VALUE, -1, Long.MIN_VALUE, 100_000_001L};
        for (int i = 0; i < 1000; i++) {
            hostile("huge or negative quantity", Topics.ELECTRICITY, A,
                    el(series(A, GRID, h, Resolution.PT1H, now, List.of(1L, huge[i % huge.length]))), ReasonCode.INVALID_VALUE);
        }
        double[] registers = {Double.NaN, -1, 1e300, Double.POSITIVE_INFINITY, 1e9};
        for (int i = 0; i < 500; i++) { // 1e9 kWh an hour after 110 kWh: above the heat cap per hour
            hostile("huge, negative or implausible heat register", Topics.DISTRICT_HEATING, H,
                    dh(H, h.plus(Duration.ofHours(2)), registers[i % registers.length], EnergyUnit.KWH, now), ReasonCode.INVALID_VALUE);
        }
        for (int i = 0; i < 1000; i++) {
            hostile("far-future period", Topics.ELECTRICITY, A, el(series(A, GRID, Instant.parse("2100-01-01T00:00:00Z").plus(Duration.ofHours(i)),
                    Resolution.PT1H, now, List.of(1L))), ReasonCode.INVALID_VALUE);
            hostile("far-past period", Topics.ELECTRICITY, A, el(series(A, GRID, Instant.parse("2001-01-01T00:00:00Z").plus(Duration.ofHours(i)),
                    Resolution.PT1H, now, List.of(1L))), ReasonCode.TOO_OLD);
        }
        long endOfTime = Long.MAX_VALUE - Math.floorMod(Long.MAX_VALUE, 3_600_000L);
        hostile("period at the end of time", Topics.ELECTRICITY, A, el(series(A, GRID, Instant.ofEpochMilli(endOfTime), Resolution.PT1H, now, List.of(1L, 1L))), ReasonCode.INVALID_VALUE);
        hostile("far-future heat reading", Topics.DISTRICT_HEATING, H, dh(H, Instant.parse("2100-01-01T00:00:00Z"), 120.0, EnergyUnit.KWH, now), ReasonCode.INVALID_VALUE);
        for (int i = 0; i < 20; i++) {
            hostile("oversized series", Topics.ELECTRICITY, A, el(series(A, GRID, h.minus(Duration.ofDays(370)), Resolution.PT15M, now,
                    Collections.nCopies(35_137, 1L))), ReasonCode.INVALID_VALUE);
        }
        for (int i = 0; i < 100; i++) {
            hostile("wrong owner", Topics.ELECTRICITY, A, el(series(A, HOSTILE_GRID, h, Resolution.PT1H, now, List.of(1L))), ReasonCode.NOT_OWNER);
            hostile("key differs from metering point", Topics.ELECTRICITY, "571313100000000099", el(series(A, GRID, h, Resolution.PT1H, now, List.of(1L))), ReasonCode.INVALID_VALUE);
            hostile("tombstone", Topics.ELECTRICITY, A, null, ReasonCode.MALFORMED);
        }
        for (int i = 0; i < 3000; i++) { // one utility floods unknown metering points: parked (then expired) or refused
            String unknown = String.format("5713131%011d", 1_000_000L + i);
            hostile("unknown metering point flood", Topics.ELECTRICITY, unknown, el(series(unknown, HOSTILE_GRID, h, Resolution.PT1H, now, List.of(1L))),
                    ReasonCode.PARKING_FULL, ReasonCode.UNKNOWN_METERING_POINT);
        }
        EmissionFactor shifted = new EmissionFactor(Carrier.ELECTRICITY, "DK2", h.plus(Duration.ofHours(1)), h.plus(Duration.ofHours(2)), 999.0, "125%", Edition.DECLARATION, "it", null, null);
        for (int i = 0; i < 50; i++) {
            hostile("factor keyed for another hour", Topics.EMISSION_FACTORS, "ELECTRICITY|DK2|125%|DECLARATION|" + h, factor(shifted), ReasonCode.INVALID_VALUE);
            hostile("impossible factor", Topics.EMISSION_FACTORS, factorKey(dk2).replace("ACTUAL", "FORECAST"),
                    factor(new EmissionFactor(Carrier.ELECTRICITY, "DK2", h, h.plus(Duration.ofHours(1)), 1e6, "125%", Edition.FORECAST, "it", null, null)), ReasonCode.INVALID_VALUE);
            hostile("garbage factor", Topics.EMISSION_FACTORS, "x", new byte[] {7, 7, 7}, ReasonCode.MALFORMED);
            hostile("garbage metering point", Topics.METERING_POINTS, "y" + i, new byte[] {9, 9}, ReasonCode.MALFORMED);
        }
        // a poison pill: valid, within every per-record limit, but past the year budget of its task (7.7e11 Wh at 6 partitions)
        long yearStart = LocalCalendar.window(Granularity.YEAR, now.toEpochMilli()).start();
        Instant poisonStart = Instant.ofEpochMilli(now.toEpochMilli() - yearStart > Duration.ofDays(83).toMillis() ? yearStart
                : yearStart - Duration.ofDays(82).toMillis()); // 81.25 days inside one local year, in the past, within the horizon
        hostile("year budget exceeded (poison pill)", Topics.ELECTRICITY, POISON, el(series(POISON, GRID, poisonStart, Resolution.PT15M, now,
                Collections.nCopies(7_800, 100_000_000L))), ReasonCode.PROCESSING_ERROR);
        // a second utility's reading of a metering point not known yet: the flood must not crowd it out of the parking
        good(Topics.ELECTRICITY, C, el(series(C, OTHER_GRID, h, Resolution.PT1H, now, List.of(500L))));
        producer.flush();
        good(Topics.METERING_POINTS, C, mp.serialize(Topics.METERING_POINTS, new MeteringPoint(C, Carrier.ELECTRICITY, OTHER_GRID, "0187", "I.1", false, PriceArea.DK2, null, dk.klimaflow.avro.MeteringPointType.E17, null)));
        producer.flush();

        Map<String, Expected> expected = new HashMap<>();
        for (int i = 0; i < sent.size(); i++) {
            RecordMetadata m = sent.get(i).get();
            expected.put(m.topic() + "|" + m.partition() + "|" + m.offset(), new Expected(m.topic(), m.partition(), m.offset(), reasons.get(i), whats.get(i)));
        }
        assertThat(expected).hasSizeGreaterThan(10_000);

        long started = System.nanoTime();
        List<RejectedRecord> dlq = readRejected(expected, Duration.ofSeconds(180));
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        Map<String, RejectedRecord> byCoordinates = new HashMap<>();
        dlq.forEach(r -> assertThat(byCoordinates.put(r.getSourceTopic() + "|" + r.getPartition() + "|" + r.getOffset(), r))
                .as("dead-lettered once: " + r.getSourceTopic() + "-" + r.getPartition() + "@" + r.getOffset()).isNull());
        assertThat(byCoordinates.keySet()).as("exactly the hostile records are dead-lettered").isEqualTo(expected.keySet());
        Map<String, Integer> byReason = new java.util.TreeMap<>();
        expected.forEach((k, e) -> {
            RejectedRecord r = byCoordinates.get(k);
            assertThat(e.reasons()).as(e.what() + " at " + k + ": " + r.getReason()).contains(r.getReasonCode());
            byReason.merge(e.what() + " -> " + r.getReasonCode(), 1, Integer::sum);
        });
        System.out.println("HostileInputIT: " + expected.size() + " hostile records dead-lettered within " + seconds + " s after the last send: " + byReason);
        assertThat(byReason).containsKey("unknown metering point flood -> PARKING_FULL");
        assertThat(byCoordinates.values()).filteredOn(r -> r.getReasonCode() == ReasonCode.PROCESSING_ERROR).singleElement()
                .satisfies(r -> assertThat(r.getReason()).contains("more than"));

        String day = LocalCalendar.isoLocal(LocalCalendar.window(Granularity.YEAR, h.toEpochMilli()).start());
        Map<String, long[]> totals = Map.of("0187|I.1|ELECTRICITY|" + day, new long[] {6500, 650}, "0187|I.1|DISTRICT_HEATING|" + day, new long[] {10_000, 500});
        Map<String, List<SectorEmissions>> days = EmissionsPipelineIT.consumeUntil(app.config(), serdes, Granularity.YEAR.topic(), seen -> totals.keySet().stream()
                .allMatch(k -> seen.containsKey(k) && seen.get(k).get(seen.get(k).size() - 1).getEnergyWh() == totals.get(k)[0]));
        totals.forEach((k, t) -> {
            SectorEmissions last = days.get(k).get(days.get(k).size() - 1);
            assertThat(new long[] {last.getEnergyWh(), last.getCo2eGrams()}).as(k).containsExactly(t);
        });
        assertThat(days.keySet()).noneMatch(k -> k.contains("|I.3|"));
        assertThat(app.awaitRunning(Duration.ofSeconds(30))).isTrue();
        assertThat(app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
    }

    /** Reads the dead-letter topic (read_committed) until it holds as many records as expected, or fails naming what is missing. */
    static List<RejectedRecord> readRejected(Map<String, Expected> expected, Duration timeout) {
        Properties p = app.config().clientProperties();
        p.put("group.id", "it-hostile-" + System.nanoTime());
        p.put("auto.offset.reset", "earliest");
        p.put("isolation.level", "read_committed");
        List<RejectedRecord> out = new ArrayList<>();
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(p, new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.REJECTED));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (out.size() < expected.size() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> out.add(serdes.rejected().deserialize(Topics.REJECTED, r.value())));
            }
        }
        if (out.size() < expected.size()) {
            Set<String> seen = new java.util.HashSet<>();
            out.forEach(r -> seen.add(r.getSourceTopic() + "|" + r.getPartition() + "|" + r.getOffset()));
            Map<String, Integer> missing = new java.util.TreeMap<>();
            expected.forEach((k, e) -> {
                if (!seen.contains(k)) {
                    missing.merge(e.what() + " (" + e.topic() + "-" + e.partition() + ")", 1, Integer::sum);
                }
            });
            throw new AssertionError(out.size() + " of " + expected.size() + " hostile records dead-lettered within " + timeout
                    + "; pipeline " + app.streams().state() + "; missing: " + missing);
        }
        return out;
    }
}
