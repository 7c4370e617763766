package dk.klimaflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dk.klimaflow.config.KlimaflowConfig;
import dk.klimaflow.registry.InMemorySchemaRegistry;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP layer without a broker: a web server over a Kafka Streams instance that was never started, so every parameter
 * error, static file and "not ready" answer can be checked; answers with data are checked by the integration tests.
 */
class WebServerHttpTest {
    @TempDir
    static Path stateDir;

    private static KafkaStreams streams;
    private static WebServer web;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        TestWindows.trustGeneratedClasses();
        int nobody;
        try (ServerSocket s = new ServerSocket(0)) {
            nobody = s.getLocalPort();
        }
        KlimaflowConfig config = KlimaflowConfig.of(Map.of(
                "bootstrap.servers", "127.0.0.1:" + nobody,
                "state.dir", Files.createDirectories(stateDir.resolve("streams")).toString(),
                KlimaflowConfig.WEB_PORT, "0",
                KlimaflowConfig.BASELINE_1990_TONNES, "120000"));
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("web-test.nothing");
        streams = new KafkaStreams(builder.build(), config.streamsProperties());
        web = new WebServer(config, streams, new InMemorySchemaRegistry());
        web.start();
    }

    @AfterAll
    static void stop() {
        if (web != null) {
            web.close();
        }
        if (streams != null) {
            streams.close(Duration.ofSeconds(5));
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(web.uri().resolve(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        return Http.JSON.readTree(r.body());
    }

    @Test
    void shouldAnswerABadGranularityWith400AndAMessageNamingTheParameter() throws Exception {
        HttpResponse<String> r = get("/api/emissions?municipality=0187&granularity=week&from=2026-11-01&to=2026-12-01");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode body = json(r);
        assertThat(body.get("status").asInt()).isEqualTo(400);
        assertThat(body.get("error").asText()).isEqualTo("Bad Request");
        assertThat(body.get("message").asText()).isEqualTo("parameter 'granularity' = 'week' is not one of hour, day, month, year");
    }

    @Test
    void shouldAnswer400ForEveryEndpointsBadParameters() throws Exception {
        assertThat(get("/api/totals?municipality=0187&granularity=day&from=2026-12-01&to=2026-11-01").statusCode()).isEqualTo(400);
        assertThat(json(get("/api/rejected?limit=0")).get("message").asText()).contains("'limit' = '0' is not a whole number from 1 to 500");
        assertThat(json(get("/api/rejected?offset=x")).get("message").asText()).contains("parameter 'offset'");
        assertThat(json(get("/api/window?municipality=0187&granularity=day&sector=I.1&start=2026-11-01")).get("message").asText())
                .contains("parameter 'carrier' is required");
        assertThat(json(get("/api/dk2020?year=1800")).get("message").asText()).contains("'year' = '1800'");
        assertThat(json(get("/api/counters?x=1")).get("message").asText()).contains("unknown parameter 'x'");
    }

    @Test
    void shouldAnswer503WhileKafkaStreamsIsNotRunning() throws Exception {
        HttpResponse<String> r = get("/api/emissions?municipality=0187&granularity=day&from=2026-11-01&to=2026-12-01");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(json(r).get("message").asText()).contains("retry");
        HttpResponse<String> health = get("/api/health");
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(json(health).get("status").asText()).isEqualTo("DOWN");
        assertThat(json(health).get("streamsState").asText()).isEqualTo("CREATED");
    }

    @Test
    void shouldServeTheDashboardTheOpenApiDocumentAndTheBundledChartLibrary() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("<script src=\"/vendor/chart.js\"></script>").doesNotContain("https://");
        HttpResponse<String> chart = get("/vendor/chart.js");
        assertThat(chart.statusCode()).isEqualTo(200);
        assertThat(chart.body()).contains("Chart.js v" + StaticFiles.chartJsVersion());
        assertThat(get("/static/dashboard.js").body()).contains("EventSource");
        assertThat(get("/static/dashboard.css").statusCode()).isEqualTo(200);
        HttpResponse<String> openapi = get("/openapi.yaml");
        assertThat(openapi.body()).startsWith("openapi: 3.").contains("/api/emissions:", "/api/totals:", "/api/counters:", "/api/rejected:");
    }

    @Test
    void shouldAnswerUnknownPathsWith404AndWritesWith405() throws Exception {
        assertThat(get("/static/../pom.xml").statusCode()).isEqualTo(404);
        assertThat(get("/api/nothing").statusCode()).isEqualTo(404);
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(web.uri().resolve("/api/counters"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(json(post).get("message").asText()).contains("use GET");
    }

    @Test
    void shouldServePrometheusTextWithTheIngestGauges() throws Exception {
        HttpResponse<String> r = get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(r.body()).contains("# TYPE klimaflow_records gauge", "klimaflow_records_rejected{reason=\"MALFORMED\"}",
                "klimaflow_aggregate_latency_seconds");
    }

    @Test
    void shouldKeepTheEventStreamOpenAndSayHello() throws Exception {
        HttpResponse<InputStream> r = HTTP.send(HttpRequest.newBuilder(web.uri().resolve("/api/stream?municipality=0187")).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        try (InputStream in = r.body()) {
            byte[] first = in.readNBytes(": connected".length());
            assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo(": connected");
        }
        assertThat(get("/api/stream?municipality=abc").statusCode()).isEqualTo(400);
    }

    @Test
    void shouldTellTheDashboardTheConfiguredBaseline() throws Exception {
        JsonNode config = json(get("/api/config"));
        assertThat(config.get("baseline1990Tonnes").asDouble()).isEqualTo(120000.0);
        assertThat(config.get("timeZone").asText()).isEqualTo("Europe/Copenhagen");
        assertThat(URI.create(web.uri().toString()).getHost()).isEqualTo("127.0.0.1");
    }
}
