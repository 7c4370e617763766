package dk.klimaflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.Edition;
import dk.klimaflow.avro.ElectricityTimeSeries;
import dk.klimaflow.avro.EmissionFactor;
import dk.klimaflow.avro.Point;
import dk.klimaflow.avro.Quality;
import dk.klimaflow.avro.ReasonCode;
import dk.klimaflow.avro.RejectedRecord;
import dk.klimaflow.avro.Resolution;
import dk.klimaflow.cli.KlimaflowCli;
import dk.klimaflow.config.KlimaflowConfig;
import dk.klimaflow.config.Topics;
import dk.klimaflow.embedded.EmbeddedStack;
import dk.klimaflow.embedded.Ports;
import dk.klimaflow.pipeline.PipelineApp;
import dk.klimaflow.registry.AvroSerde;
import dk.klimaflow.simulate.ConsumerLag;
import dk.klimaflow.simulate.FactorFeed;
import dk.klimaflow.simulate.KafkaFeedSink;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backfill on the real embedded broker, registry and pipeline, as an operator runs it: the live pipeline (correction
 * horizon 400 days) runs and counts a current day; then the history (the register, the October 2023 EDS declaration subset,
 * a heat declaration, an Eloverblik-format export of 2023 and the real heat-meter sample of January 2019, all older than
 * the live horizon) goes in with {@code klimaflow import ... --backfill} and {@code klimaflow backfill}, which must end
 * drained. Then {@code klimaflow report} for 2023 and 2019 must show an independent computation from the files to the Wh and
 * gram ({@link ImportReportIT}'s), every aggregate the live pipeline had published must be unchanged byte for byte, and
 * nothing the backfill sent may be dead-lettered (no TOO_OLD).
 */
class BackfillReportIT {
    static final Path DATA = ImportReportIT.DATA;
    static final String MP = "571313100000000011"; // I.1 electricity in the fixture register

    @TempDir
    static Path dataDir;
    static EmbeddedStack stack;
    static PipelineApp live;
    static String[] cluster;

    @BeforeAll
    static void start() throws Exception {
        stack = EmbeddedStack.startAndSetUp(dataDir, Ports.free(), Ports.free(), false);
        // the VEKS heat declaration of the imported history is by the 200% method: every pass and the report price heat at 200%
        KlimaflowConfig config = stack.config().with(Map.of(KlimaflowConfig.WEB_PORT, String.valueOf(Ports.free()),
                KlimaflowConfig.METHOD_DISTRICT_HEATING, "200%"));
        live = PipelineApp.start(config, stack.schemaRegistry());
        assertThat(live.awaitRunning(Duration.ofSeconds(60))).isTrue();
        Path file = dataDir.resolve("klimaflow.properties");
        Files.writeString(file, "bootstrap.servers=" + stack.bootstrapServers() + "\nschema.registry.url=" + stack.registryUrl()
                + "\nstate.dir=" + dataDir.resolve("streams") + "\n" + KlimaflowConfig.METHOD_DISTRICT_HEATING + "=200%\n");
        cluster = new String[] {"--config", file.toString()};
    }

    @AfterAll
    static void stop() {
        if (live != null) {
            live.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    static String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(cluster));
        int code = KlimaflowCli.execute(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
        assertThat(code).as("exit code of %s, stdout: %s, stderr: %s", List.of(args), out, err).isZero();
        return out.toString();
    }

    static Map<String, JsonNode> report(int year) throws Exception {
        JsonNode r = ImportReportIT.JSON.readTree(cli("report", "--municipality", "0187", "--year", String.valueOf(year), "--format", "json"));
        Map<String, JsonNode> lines = new HashMap<>();
        r.path("lines").forEach(l -> lines.put(l.path("gpcReference").asText() + " " + l.path("carrier").asText(), l));
        return lines;
    }

    static Map<String, JsonNode> awaitReport(int year, Predicate<Map<String, JsonNode>> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<String, JsonNode> last = Map.of();
        while (System.nanoTime() < deadline) {
            last = report(year);
            if (done.test(last)) {
                return last;
            }
            LockSupport.parkNanos(Duration.ofMillis(300).toNanos());
        }
        throw new AssertionError("report for " + year + " did not reach the expected totals in 60 s; last: " + last);
    }

    static boolean line(Map<String, JsonNode> lines, String key, long wh) {
        return lines.containsKey(key) && lines.get(key).path("energyWh").asLong() == wh && lines.get(key).path("pendingFactorWh").asLong() == 0;
    }

    /** Every record of {@code topic} up to its read_committed end, from the beginning. */
    static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        Properties props = new Properties();
        props.put("bootstrap.servers", stack.bootstrapServers());
        props.put("group.id", "it-" + UUID.randomUUID());
        props.put("isolation.level", "read_committed");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                assertThat(System.nanoTime()).as("reading %s to its end", topic).isLessThan(deadline);
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    /** The latest value of every key on the four aggregate topics, as published (bytes). */
    static Map<String, String> aggregates() {
        Map<String, String> latest = new HashMap<>();
        for (String topic : Topics.AGGREGATES) {
            readAll(topic).forEach(r -> latest.put(topic + " " + new String(r.key()), java.util.Base64.getEncoder().encodeToString(r.value())));
        }
        return latest;
    }

    static void awaitLiveDrained() throws Exception {
        String appId = live.config().get("application.id");
        try (ConsumerLag lag = new ConsumerLag(live.config().clientProperties(), appId, List.of(Topics.ELECTRICITY, Topics.DISTRICT_HEATING,
                Topics.EMISSION_FACTORS, Topics.METERING_POINTS, appId + "-factor-broadcast", appId + "-aggregate-deltas"))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (lag.records() != 0) {
                assertThat(System.nanoTime()).as("live pipeline drained").isLessThan(deadline);
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            }
        }
    }

    @Test
    void shouldCountABackfilledYearIntoTheLiveAggregatesExactlyAndLeaveTheLiveWindowsAlone() throws Exception {
        // the live feed: one current day-part of the I.1 point, priced
        cli("import", "metering-points", DATA.resolve("fixtures/metering_points_0187.csv").toString());
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(30));
        int liveYear = hour.atZone(ZoneId.of("Europe/Copenhagen")).getYear();
        try (KafkaFeedSink sink = new KafkaFeedSink(live.config().clientProperties(), stack.schemaRegistry(), true)) {
            EmissionFactor f = new EmissionFactor(Carrier.ELECTRICITY, "DK2", hour, hour.plus(Duration.ofHours(1)), 123.456, "125%",
                    Edition.DECLARATION, "it", null, null);
            sink.send(Topics.EMISSION_FACTORS, FactorFeed.key(f), f);
            sink.send(Topics.ELECTRICITY, MP, new ElectricityTimeSeries(MP, "5790000705689", hour, Resolution.PT15M,
                    List.of(new Point(1111L, Quality.MEASURED), new Point(2222L, Quality.MEASURED), new Point(3333L, Quality.MEASURED),
                            new Point(4444L, Quality.MEASURED)), Instant.now()));
            sink.flush();
        }
        Map<String, JsonNode> liveBefore = awaitReport(liveYear, lines -> line(lines, "I.1.2 ELECTRICITY", 11_110));
        assertThat(liveBefore.get("I.1.2 ELECTRICITY").path("co2eGrams").asLong()).isEqualTo(ImportReportIT.grams(11_110L * 123_456));
        awaitLiveDrained();
        Map<String, String> published = aggregates();
        assertThat(published).isNotEmpty();

        // the history, older than the live horizon
        cli("import", "metering-points", "--backfill", DATA.resolve("fixtures/metering_points_0187.csv").toString());
        cli("import", "factors", DATA.resolve("eds_declaration_grid_emission/DeclarationGridEmission_125pct_DK2_2023-10_subset.csv").toString(),
                DATA.resolve("fixtures/heat_declaration_veks.csv").toString());
        cli("import", "readings", "--backfill", "--utility", "5790000705689", DATA.resolve("fixtures/Meterdata_fixture_0187_2023-10-28_29.csv").toString());
        cli("import", "readings", "--backfill", "--utility", "vallensbaek-fjernvarme", DATA.resolve("danish_heat_meter/heat_meter_660_2019-01.csv").toString());
        String backfill = cli("backfill", "--timeout", "PT60S");
        assertThat(backfill).contains("drained: readings in 748, accepted 748, rejected 0");

        Map<String, long[]> electricity = ImportReportIT.expectedElectricity();
        long[] heat = ImportReportIT.expectedHeat();
        Map<String, JsonNode> y2023 = awaitReport(2023, lines -> electricity.entrySet().stream().allMatch(e -> line(lines, e.getKey(), e.getValue()[0])));
        for (Map.Entry<String, long[]> e : electricity.entrySet()) {
            assertThat(y2023.get(e.getKey()).path("co2eGrams").asLong()).as(e.getKey()).isEqualTo(ImportReportIT.grams(e.getValue()[1]));
        }
        Map<String, JsonNode> y2019 = awaitReport(2019, lines -> line(lines, "I.1.2 DISTRICT_HEATING", heat[0]));
        assertThat(y2019.get("I.1.2 DISTRICT_HEATING").path("co2eGrams").asLong()).isEqualTo(ImportReportIT.grams(heat[1]));

        String table = cli("report", "--municipality", "0187", "--year", "2023");
        assertThat(table).contains("| I.1.2 | Residential buildings | ELECTRICITY |").contains("| I.2.2 |").contains("2023");

        awaitLiveDrained();
        Map<String, String> after = aggregates();
        for (Map.Entry<String, String> e : published.entrySet()) {
            assertThat(after.get(e.getKey())).as("live aggregate %s", e.getKey()).isEqualTo(e.getValue());
        }
        assertThat(report(liveYear).get("I.1.2 ELECTRICITY").path("revision").asLong())
                .isEqualTo(liveBefore.get("I.1.2 ELECTRICITY").path("revision").asLong());

        AvroSerde<RejectedRecord> rejected = AvroSerde.forValue(RejectedRecord.class, stack.schemaRegistry(), false);
        List<RejectedRecord> deadLetters = readAll(Topics.REJECTED).stream().map(r -> rejected.deserialize(Topics.REJECTED, r.value())).toList();
        assertThat(deadLetters).noneMatch(r -> r.getReasonCode() == ReasonCode.TOO_OLD)
                .noneMatch(r -> r.getSourceTopic().startsWith("energy.backfill."));
    }
}
