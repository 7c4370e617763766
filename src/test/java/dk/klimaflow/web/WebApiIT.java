package dk.klimaflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dk.klimaflow.avro.SectorEmissions;
import dk.klimaflow.config.Topics;
import dk.klimaflow.embedded.EmbeddedStack;
import dk.klimaflow.embedded.Ports;
import dk.klimaflow.registry.AvroSerde;
import dk.klimaflow.report.AggregateReader;
import dk.klimaflow.report.AnnualReport;
import dk.klimaflow.report.ReportFormat;
import dk.klimaflow.simulate.KafkaFeedSink;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The query API against two running pipeline instances (same application.id) on the real broker and registry, with
 * simulated utilities' data including bad records: each instance answers the full answer, equal to the other's and to the
 * aggregate topic, though each holds only part of the stores; counters sum over both; rejected records page to the end;
 * one key is routed to its owner; a new reading reaches an SSE client; /metrics scrapes; the report download of either
 * instance equals what {@code klimaflow report} reads and the yearly totals.
 */
class WebApiIT {
    @TempDir
    static Path dir;

    private static EmbeddedStack stack;
    private static PipelineNode a;
    private static PipelineNode b;
    private static LiveData data;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static String from;
    private static String to;

    @BeforeAll
    static void start() {
        stack = EmbeddedStack.startAndSetUp(dir.resolve("stack"), Ports.free(), Ports.free(), true);
        a = PipelineNode.start(stack.config(), stack.schemaRegistry(), dir.resolve("streams-a"), 110_000);
        b = PipelineNode.start(stack.config(), stack.schemaRegistry(), dir.resolve("streams-b"), 110_000);
        a.awaitRunning(Duration.ofMinutes(2));
        b.awaitRunning(Duration.ofMinutes(2));
        Poll.until("both instances in the streams metadata", Duration.ofMinutes(2),
                () -> a.streams().metadataForAllStreamsClients().size() == 2 && a.streams().state().name().equals("RUNNING")
                        && b.streams().state().name().equals("RUNNING"));
        data = new LiveData(new KafkaFeedSink(stack.config().clientProperties(), stack.schemaRegistry(), true), 0.01, 0.003);
        data.backfill(24);
        from = Instant.now().minus(Duration.ofDays(3)).toString();
        to = Instant.now().plus(Duration.ofDays(1)).toString();
        // settled: every record counted, nothing in flight, two answers a second apart equal
        Poll.until("the pipeline to settle", Duration.ofMinutes(5), () -> {
            JsonNode c = json(get(a, "/api/counters"));
            String answer = c.get("in").asLong() + " " + get(a, "/api/totals?municipality=0187&granularity=hour&from=" + from + "&to=" + to).body();
            return c.get("balanced").asBoolean() && c.get("consumerLag").asLong() == 0 && c.get("in").asLong() > 0
                    && c.get("rejectedTotal").asLong() > 0 && settledAgain(answer);
        });
    }

    private static String lastAnswer = "";
    private static long lastChange;

    /** True once the answer has stayed the same for five seconds (the pipeline flushes factor cells every 0.2 s). */
    private static boolean settledAgain(String answer) {
        if (!answer.equals(lastAnswer)) {
            lastAnswer = answer;
            lastChange = System.nanoTime();
            return false;
        }
        return System.nanoTime() - lastChange > Duration.ofSeconds(5).toNanos();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {data, a, b, stack}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // keep closing the rest
            }
        }
    }

    private static HttpResponse<String> get(PipelineNode node, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(node.uri() + path.substring(1))).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("GET " + path + " on " + node.uri() + " failed: " + e, e);
        }
    }

    private static JsonNode json(HttpResponse<String> r) {
        try {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return Http.JSON.readTree(r.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldGiveTheFullAnswerFromEitherInstanceThoughEachHoldsOnlyPart() {
        for (String g : List.of("hour", "day", "month", "year")) {
            String q = "?municipality=0187&granularity=" + g + "&from=" + from + "&to=" + to;
            JsonNode fromA = json(get(a, "/api/emissions" + q));
            JsonNode fromB = json(get(b, "/api/emissions" + q));
            assertThat(fromA.get("count").asInt()).as(g).isPositive();
            assertThat(fromA).as(g).isEqualTo(fromB);
            Set<String> localA = keys(json(get(a, "/internal/emissions" + q)));
            Set<String> localB = keys(json(get(b, "/internal/emissions" + q)));
            Set<String> union = new HashSet<>(localA);
            union.addAll(localB);
            assertThat(union).as(g).isEqualTo(keys(fromA.get("windows")));
            if (g.equals("hour")) {
                assertThat(localA).isNotEmpty().hasSizeLessThan(union.size());
                assertThat(localB).isNotEmpty().hasSizeLessThan(union.size());
            }
        }
    }

    private static Set<String> keys(JsonNode windows) {
        Set<String> out = new HashSet<>();
        windows.forEach(w -> out.add(w.get("gpcSector").asText() + "|" + w.get("carrier").asText() + "|" + w.get("windowStart").asText()));
        return out;
    }

    @Test
    void shouldSumTotalsToWhatTheAggregateTopicSays() {
        JsonNode totals = json(get(b, "/api/totals?municipality=0187&granularity=day&from=" + from + "&to=" + to));
        Map<String, SectorEmissions> latest = latestOf(Topics.DAILY);
        long energy = 0;
        long grams = 0;
        for (SectorEmissions e : latest.values()) {
            if (e.getMunicipalityCode().equals("0187") && !e.getWindowStart().isBefore(Instant.parse(from).minus(Duration.ofDays(1)))) {
                energy += e.getEnergyWh();
                grams += e.getCo2eGrams();
            }
        }
        assertThat(totals.get("total").get("energyWh").asLong()).isEqualTo(energy).isPositive();
        assertThat(totals.get("total").get("co2eGrams").asLong()).isEqualTo(grams);
        assertThat(totals.get("sectors").size()).isGreaterThan(1);
    }

    @Test
    void shouldDownloadTheReportFromEitherInstanceEqualToTheCommandsAndToTheYearlyTotals() {
        int year = ZonedDateTime.now(Granularity.ZONE).getYear();
        String query = "/api/report?municipality=0187&year=" + year;
        String[] seen = new String[1];
        // another test may send a reading meanwhile: poll until the instances, the command's reader and the store agree
        try {
            Poll.until("the downloaded report to equal the command's and the yearly totals", Duration.ofMinutes(2), () -> {
                HttpResponse<String> csvA = get(a, query + "&format=csv");
                HttpResponse<String> csvB = get(b, query + "&format=csv");
                HttpResponse<String> jsonB = get(b, query + "&format=json");
                HttpResponse<String> totalsA = get(a, "/api/totals?municipality=0187&granularity=year&from=" + year + "-01-01&to=" + (year + 1) + "-01-01");
                if (jsonB.statusCode() != 200 || totalsA.statusCode() != 200) {
                    seen[0] = jsonB.body() + " " + totalsA.body();
                    return false;
                }
                JsonNode report = json(jsonB);
                JsonNode totals = json(totalsA);
                String command;
                try (AggregateReader reader = new AggregateReader(stack.config(), stack.schemaRegistry())) {
                    command = ReportFormat.render(AnnualReport.build(reader, "0187", year,
                            AnnualReport.methods(stack.config()), 110_000, Instant.now()), "csv");
                }
                seen[0] = csvA.body() + "\n" + csvB.body() + "\n" + command + "\n" + report.get("co2eGrams") + " vs " + totals.get("total");
                return csvA.statusCode() == 200 && csvA.headers().firstValue("Content-Disposition").orElse("")
                        .equals("attachment; filename=\"klimaflow-gpc-0187-" + year + ".csv\"")
                        && csvA.body().equals(csvB.body()) && csvA.body().equals(command) && csvA.body().lines().count() > 2
                        && report.get("co2eGrams").asLong() == totals.get("total").get("co2eGrams").asLong()
                        && report.get("energyWh").asLong() == totals.get("total").get("energyWh").asLong()
                        && report.get("municipalCo2eGrams").asLong() == totals.get("total").get("municipalOperationCo2eGrams").asLong();
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last seen:\n" + seen[0], e);
        }
    }

    /** The latest committed value per key of an aggregate topic, read from the beginning with read_committed. */
    private static Map<String, SectorEmissions> latestOf(String topic) {
        Properties props = stack.config().clientProperties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        AvroSerde<SectorEmissions> serde = AvroSerde.forValue(SectorEmissions.class, stack.schemaRegistry(), false);
        Map<String, SectorEmissions> out = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = new ArrayList<>();
            c.partitionsFor(topic).forEach(p -> tps.add(new TopicPartition(topic, p.partition())));
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            Poll.until("reading " + topic + " to its end", Duration.ofMinutes(1), () -> {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    out.put(new String(r.key(), StandardCharsets.UTF_8), serde.deserialize(topic, r.value()));
                }
                return tps.stream().allMatch(tp -> c.position(tp) >= end.get(tp));
            });
        }
        return out;
    }

    @Test
    void shouldSumCountersOverBothInstancesAndPageEveryRejectedRecord() {
        JsonNode fromA = json(get(a, "/api/counters"));
        assertThat(fromA).isEqualTo(json(get(b, "/api/counters")));
        assertThat(fromA.get("instances").asInt()).isEqualTo(2);
        assertThat(fromA.get("in").asLong()).isEqualTo(fromA.get("accepted").asLong() + fromA.get("rejectedTotal").asLong()
                + fromA.get("parked").asLong());
        long rejected = fromA.get("rejectedTotal").asLong();
        List<JsonNode> records = new ArrayList<>();
        String offset = "0";
        for (int page = 0; offset != null && page < 1000; page++) {
            JsonNode p = json(get(a, "/api/rejected?limit=3&offset=" + offset));
            p.get("records").forEach(records::add);
            offset = p.get("next").isNull() ? null : p.get("next").asText();
        }
        assertThat(offset).as("paging ended").isNull();
        // the intake rejects readings; factor records rejected by the factor path are dead letters too but not counted as readings
        assertThat(records.stream().filter(r -> !r.get("sourceTopic").asText().equals(Topics.EMISSION_FACTORS)).count()).isEqualTo(rejected);
        assertThat(records).allSatisfy(r -> assertThat(r.get("reasonCode").asText()).isNotEmpty());
        Set<String> positions = new HashSet<>();
        records.forEach(r -> positions.add(r.get("partition").asInt() + ":" + r.get("offset").asLong()));
        assertThat(positions).hasSize(records.size());
    }

    @Test
    void shouldRouteOneWindowToTheInstanceThatOwnsIt() {
        JsonNode windows = json(get(a, "/api/emissions?municipality=0187&granularity=day&from=" + from + "&to=" + to)).get("windows");
        for (JsonNode w : windows) {
            String q = "?municipality=0187&granularity=day&sector=" + w.get("gpcSector").asText() + "&carrier=" + w.get("carrier").asText()
                    + "&start=" + w.get("windowStart").asText().replace("+", "%2B");
            assertThat(json(get(a, "/api/window" + q))).isEqualTo(w);
            assertThat(json(get(b, "/api/window" + q))).isEqualTo(w);
        }
        assertThat(get(a, "/api/window?municipality=0187&granularity=day&sector=I.6&carrier=electricity&start=2001-01-01").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldPushANewReadingToABrowserOverServerSentEvents() throws Exception {
        HttpResponse<java.io.InputStream> stream = HTTP.send(HttpRequest.newBuilder(URI.create(b.uri() + "api/stream?municipality=0187")).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            Poll.until("the live feed to follow the aggregate topics", Duration.ofMinutes(1), () -> b.web.live().following());
            // the first emissions batch that holds an hourly I.2 electricity window
            CompletableFuture<JsonNode> event = CompletableFuture.supplyAsync(() -> {
                try {
                    String line;
                    boolean emissions = false;
                    while ((line = in.readLine()) != null) {
                        if (line.startsWith("event: ")) {
                            emissions = line.equals("event: emissions");
                        } else if (emissions && line.startsWith("data: ")) {
                            JsonNode batch = Http.JSON.readTree(line.substring(6));
                            for (JsonNode w : batch) {
                                if (w.get("gpcSector").asText().equals("I.2") && w.get("carrier").asText().equals("ELECTRICITY")
                                        && w.get("granularity").asText().equals("hour")) {
                                    return w;
                                }
                            }
                        }
                    }
                    return null;
                } catch (java.io.IOException e) {
                    return null;
                }
            });
            data.correct("I.2", 100_000);
            JsonNode window = event.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(window).as("an hourly I.2 window pushed over SSE").isNotNull();
            assertThat(window.get("energyWh").asLong()).isGreaterThanOrEqualTo(400_000);
        }
    }

    @Test
    void shouldScrapeKafkaStreamsAndPipelineMetrics() {
        HttpResponse<String> r = get(a, "/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("kafka_stream_thread_process_total", "klimaflow_records{outcome=\"accepted\"}",
                "klimaflow_records_rejected{reason=\"MALFORMED\"}", "klimaflow_consumer_lag_records");
        assertThat(json(get(a, "/api/health")).get("status").asText()).isEqualTo("UP");
    }
}
