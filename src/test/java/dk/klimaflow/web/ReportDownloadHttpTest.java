package dk.klimaflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.Edition;
import dk.klimaflow.avro.EmissionFactor;
import dk.klimaflow.avro.SectorEmissions;
import dk.klimaflow.config.ConfigException;
import dk.klimaflow.config.KlimaflowConfig;
import dk.klimaflow.config.Topics;
import dk.klimaflow.importer.FactorBasis;
import dk.klimaflow.registry.InMemorySchemaRegistry;
import dk.klimaflow.report.AnnualReport;
import dk.klimaflow.report.FactorProvenance;
import dk.klimaflow.report.ReportFormat;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/report} over HTTP without a broker: the web server's report source is an in-memory {@link AnnualReport.Source}
 * holding the yearly and monthly aggregates and factors a reader of the topics would return, so the downloaded file can be
 * compared with what {@code klimaflow report} renders from the same source, line by line. The clock is fixed at
 * 2026-11-30 08:00 UTC.
 */
class ReportDownloadHttpTest {
    static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");

    @TempDir
    static Path stateDir;

    private static KafkaStreams streams;
    private static WebServer web;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final AtomicBoolean KAFKA_DOWN = new AtomicBoolean();
    private static final AtomicInteger CLOSED = new AtomicInteger();
    private static final List<String> ASKED = new ArrayList<>();

    /** What the aggregate topics of the test hold: 2025 yearly windows of 0187 and one of another municipality. */
    static final class Source implements AnnualReport.Source {
        @Override
        public List<SectorEmissions> aggregates(String topic, String municipality, long from, long to) {
            if (KAFKA_DOWN.get()) {
                throw new ConfigException("Kafka unreachable at 127.0.0.1:1: start it (./klimaflow stack or demo) or set --bootstrap-server");
            }
            synchronized (ASKED) {
                ASKED.add(topic + " " + municipality + " " + Instant.ofEpochMilli(from) + " " + Instant.ofEpochMilli(to));
            }
            if (!topic.equals(Topics.YEARLY)) {
                return List.of();
            }
            return List.of(
                    TestWindows.window(Granularity.YEAR, "0187", "I.2", Carrier.ELECTRICITY, start(2025), 2_806_000_000L, 123_456_789L,
                            Edition.DECLARATION, 7),
                    TestWindows.window(Granularity.YEAR, "0187", "I.1", Carrier.DISTRICT_HEATING, start(2025), 9_994_000_000L, 359_784_000L,
                            Edition.DECLARATION, 9))
                    .stream().filter(w -> w.getMunicipalityCode().equals(municipality) && w.getWindowStart().toEpochMilli() >= from
                            && w.getWindowStart().toEpochMilli() < to).toList();
        }

        @Override
        public Map<Carrier, Set<String>> areas(String municipality) {
            return Map.of(Carrier.ELECTRICITY, Set.of("DK2"), Carrier.DISTRICT_HEATING, Set.of("vallensbaek"));
        }

        @Override
        public Map<Carrier, FactorProvenance> factors(Map<Carrier, String> methods, Map<Carrier, Set<String>> areas, long from, long to) {
            Map<Carrier, FactorProvenance> p = new EnumMap<>(Carrier.class);
            methods.forEach((c, m) -> p.put(c, new FactorProvenance(m)));
            p.get(Carrier.ELECTRICITY).add(new EmissionFactor(Carrier.ELECTRICITY, "DK2", start(2025), start(2026), 110.0,
                    methods.get(Carrier.ELECTRICITY), Edition.DECLARATION, FactorBasis.source("Energi Data Service", FactorBasis.CO2_ONLY), null, null));
            return p;
        }

        @Override
        public void close() {
            CLOSED.incrementAndGet();
        }
    }

    static Instant start(int year) {
        return LocalDate.of(year, 1, 1).atStartOfDay(Granularity.ZONE).toInstant();
    }

    @BeforeAll
    static void startServer() throws Exception {
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
        web = new WebServer(config, streams, new InMemorySchemaRegistry(), Clock.fixed(NOW, ZoneOffset.UTC), Source::new);
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

    @BeforeEach
    void reset() {
        KAFKA_DOWN.set(false);
        synchronized (ASKED) {
            ASKED.clear();
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(web.uri().resolve(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String expected(String format, int year) {
        Map<Carrier, String> methods = Map.of(Carrier.ELECTRICITY, "125%", Carrier.DISTRICT_HEATING, "125%"); // the defaults: one method
        return ReportFormat.render(AnnualReport.build(new Source(), "0187", year, methods, 120_000, NOW), format);
    }

    @Test
    void shouldDownloadTheSameMarkdownReportAsTheCommandWithAFilename() throws Exception {
        HttpResponse<String> r = get("/api/report?municipality=0187&year=2025&format=md");
        List<String> asked;
        synchronized (ASKED) {
            asked = List.copyOf(ASKED);
        }

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/markdown; charset=utf-8");
        assertThat(r.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"klimaflow-gpc-0187-2025.md\"");
        assertThat(r.body()).isEqualTo(expected("md", 2025))
                .contains("# GPC inventory, municipality 0187, 2025")
                .contains("| I.1.2 | Residential buildings | DISTRICT_HEATING | 9,994.000 | 359.784000 | no factors |")
                .contains("| I.2.2 | Commercial and institutional buildings | ELECTRICITY | 2,806.000 | 123.456789 | CO2 only |")
                .contains("| **total** | | | **12,800.000** | **483.240789** |")
                .contains("- 2025: 483.240789 t CO2e (complete year)");
        assertThat(asked).containsExactly(
                Topics.YEARLY + " 0187 2024-12-31T23:00:00Z 2025-12-31T23:00:00Z",
                Topics.MONTHLY + " 0187 2023-12-31T23:00:00Z 2025-12-31T23:00:00Z");
    }

    @Test
    void shouldDownloadCsvAndJsonWithTheirTypesAndCloseEachSource() throws Exception {
        int closed = CLOSED.get();
        HttpResponse<String> csv = get("/api/report?municipality=0187&year=2025&format=csv");
        HttpResponse<String> json = get("/api/report?year=2025&format=json");

        assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"klimaflow-gpc-0187-2025.csv\"");
        assertThat(csv.body()).isEqualTo(expected("csv", 2025))
                .contains("0187,2025,I.2.2,\"Commercial and institutional buildings\",ELECTRICITY,2806.000,123.456789,\"CO2 only\",125%");
        assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(json.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"klimaflow-gpc-0187-2025.json\"");
        JsonNode body = Http.JSON.readTree(json.body());
        assertThat(body.get("co2eGrams").asLong()).isEqualTo(483_240_789L);
        assertThat(body.get("municipalCo2eGrams").asLong()).isEqualTo(123_456_789L / 20 + 359_784_000L / 20);
        assertThat(json.body()).isEqualTo(expected("json", 2025));
        assertThat(CLOSED.get() - closed).isEqualTo(2);
    }

    @Test
    void shouldDefaultToTheCurrentYearInMarkdownAndSayHowMuchOfTheYearHasPassed() throws Exception {
        HttpResponse<String> r = get("/api/report");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"klimaflow-gpc-0187-2026.md\"");
        assertThat(r.body()).isEqualTo(expected("md", 2026)).contains("# GPC inventory, municipality 0187, 2026", "Year to date:");
    }

    @Test
    void shouldAnswerBadParametersWith400NamingTheParameter() throws Exception {
        assertThat(message(get("/api/report?format=pdf"), 400)).isEqualTo("parameter 'format' = 'pdf' is not one of md, csv, json");
        assertThat(message(get("/api/report?year=1800"), 400)).contains("'year' = '1800'");
        assertThat(message(get("/api/report?municipality=187"), 400)).contains("'municipality' = '187'");
        assertThat(message(get("/api/report?granularity=day"), 400)).contains("unknown parameter 'granularity'");
        assertThat(ASKED).isEmpty();
    }

    @Test
    void shouldAnswer503WhenTheAggregatesCannotBeRead() throws Exception {
        KAFKA_DOWN.set(true);
        assertThat(message(get("/api/report?year=2025"), 503)).startsWith("cannot read the aggregates for the report: Kafka unreachable");
    }

    private static String message(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Disposition")).isEmpty();
        return Http.JSON.readTree(r.body()).get("message").asText();
    }
}
