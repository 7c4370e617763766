package dk.klimaflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.klimaflow.cli.KlimaflowCli;
import dk.klimaflow.config.KlimaflowConfig;
import dk.klimaflow.config.Topics;
import dk.klimaflow.embedded.EmbeddedStack;
import dk.klimaflow.embedded.Ports;
import dk.klimaflow.pipeline.PipelineApp;
import dk.klimaflow.simulate.ConsumerLag;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The importers and the report on the real embedded broker, registry and pipeline, as a new user runs them: the register,
 * the real EDS declaration subset (DK2, October 2023), a heat declaration, an Eloverblik-format export (with the repeated
 * autumn hour) and the real heat-meter sample (January 2019) go in through {@code klimaflow import}; {@code klimaflow report
 * --format json} must then show, per GPC sub-sector and carrier, the energy and the CO2e of an independent spreadsheet-style
 * computation from the same files (parsed here without the importer), to the gram; a second import of the same files
 * changes no aggregate (no new revision). The correction horizon is set to 4,000 days so that 2019 is not TOO_OLD.
 */
class ImportReportIT {
    static final Path DATA = Path.of(System.getProperty("klimaflow.project.dir", System.getProperty("user.dir"))).resolve("src/test/resources/data");
    static final ZoneId DK = ZoneId.of("Europe/Copenhagen");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;
    static EmbeddedStack stack;
    static PipelineApp app;
    static String[] cluster;
    static int webPort;

    @BeforeAll
    static void start() throws Exception {
        stack = EmbeddedStack.startAndSetUp(dataDir, Ports.free(), Ports.free(), false);
        webPort = Ports.free();
        // the real electricity declaration is by the 125% method (the default), the VEKS heat declaration by the 200% method:
        // pipeline and report price heat at 200% so that both files count, and the report says the methods are mixed
        KlimaflowConfig config = stack.config().with(Map.of(KlimaflowConfig.WEB_PORT, String.valueOf(webPort),
                "state.dir", dataDir.resolve("streams").toString(), KlimaflowConfig.CORRECTION_HORIZON, "P4000D",
                KlimaflowConfig.METHOD_DISTRICT_HEATING, "200%"));
        Path properties = java.nio.file.Files.writeString(dataDir.resolve("report.properties"), KlimaflowConfig.METHOD_DISTRICT_HEATING + "=200%\n");
        app = PipelineApp.start(config, stack.schemaRegistry());
        assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
        cluster = new String[] {"--bootstrap-server", config.get("bootstrap.servers"), "--registry-url", config.get(KlimaflowConfig.SCHEMA_REGISTRY_URL),
            "--config", properties.toString()};
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    static String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + cluster.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(cluster, 0, all, args.length, cluster.length);
        int code = KlimaflowCli.execute(new PrintWriter(out), new PrintWriter(err), all);
        assertThat(code).as("exit code of %s, stderr: %s", List.of(args), err).isZero();
        return out.toString();
    }

    static void importAll() {
        cli("import", "metering-points", DATA.resolve("fixtures/metering_points_0187.csv").toString());
        cli("import", "factors", DATA.resolve("eds_declaration_grid_emission/DeclarationGridEmission_125pct_DK2_2023-10_subset.csv").toString(),
                DATA.resolve("fixtures/heat_declaration_veks.csv").toString());
        cli("import", "readings", "--utility", "5790000705689", DATA.resolve("fixtures/Meterdata_fixture_0187_2023-10-28_29.csv").toString());
        cli("import", "readings", "--utility", "vallensbaek-fjernvarme", DATA.resolve("danish_heat_meter/heat_meter_660_2019-01.csv").toString());
    }

    /** Report lines by "gpcReference carrier". */
    static Map<String, JsonNode> report(int year) throws Exception {
        JsonNode r = JSON.readTree(cli("report", "--municipality", "0187", "--year", String.valueOf(year), "--format", "json"));
        Map<String, JsonNode> lines = new HashMap<>();
        r.path("lines").forEach(l -> lines.put(l.path("gpcReference").asText() + " " + l.path("carrier").asText(), l));
        return lines;
    }

    static Map<String, JsonNode> awaitReport(int year, Predicate<Map<String, JsonNode>> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Map<String, JsonNode> last = Map.of();
        while (System.nanoTime() < deadline) {
            last = report(year);
            if (done.test(last)) {
                return last;
            }
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
        throw new AssertionError("report for " + year + " did not reach the expected totals in 90 s; last: " + last);
    }

    /** Expected {Wh, micrograms} per sector key, computed from the files with plain parsing. */
    static Map<String, long[]> expectedElectricity() throws Exception {
        Map<Instant, Long> mg = new HashMap<>();
        boolean seenRepeat = false;
        List<String> decl = Files.readAllLines(DATA.resolve("eds_declaration_grid_emission/DeclarationGridEmission_125pct_DK2_2023-10_subset.csv"));
        for (String line : decl.subList(1, decl.size())) {
            String[] f = line.split(",");
            LocalDateTime local = LocalDateTime.parse(f[0]);
            Instant hour;
            if (f[0].equals("2023-10-29T02:00:00")) { // newest first: the first of the two is the later (+01:00)
                hour = local.toInstant(seenRepeat ? ZoneOffset.ofHours(2) : ZoneOffset.ofHours(1));
                seenRepeat = true;
            } else {
                hour = local.atZone(DK).toInstant();
            }
            mg.put(hour, new BigDecimal(f[3]).movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValueExact());
        }
        Map<String, long[]> out = new HashMap<>();
        boolean[] repeat = new boolean[2];
        List<String> rows = Files.readAllLines(DATA.resolve("fixtures/Meterdata_fixture_0187_2023-10-28_29.csv"), StandardCharsets.UTF_8);
        for (String line : rows.subList(1, rows.size())) {
            String[] f = line.split(";");
            int point = f[0].endsWith("11") ? 0 : 1;
            LocalDateTime local = LocalDateTime.parse(f[1], DateTimeFormatter.ofPattern("yyyy-MM-dd HH.mm"));
            Instant hour;
            if (f[1].equals("2023-10-29 02.00")) { // oldest first: the first of the two is the earlier (+02:00)
                hour = local.toInstant(repeat[point] ? ZoneOffset.ofHours(1) : ZoneOffset.ofHours(2));
                repeat[point] = true;
            } else {
                hour = local.atZone(DK).toInstant();
            }
            long wh = new BigDecimal(f[3].replace(',', '.')).movePointRight(3).longValueExact();
            long[] sum = out.computeIfAbsent(point == 0 ? "I.1.2 ELECTRICITY" : "I.2.2 ELECTRICITY", k -> new long[2]);
            sum[0] += wh;
            sum[1] += wh * mg.get(hour);
        }
        return out;
    }

    static long[] expectedHeat() throws Exception {
        List<String> rows = Files.readAllLines(DATA.resolve("danish_heat_meter/heat_meter_660_2019-01.csv"));
        long first = new BigDecimal(rows.get(1).split(",")[3]).movePointRight(3).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        long last = new BigDecimal(rows.get(rows.size() - 1).split(",")[3]).movePointRight(3).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        long wh = last - first; // the register only rises in this sample
        return new long[] {wh, wh * 36_000L}; // 10 kg/GJ = 36 g/kWh = 36,000 mg/kWh
    }

    static long grams(long micrograms) {
        return (micrograms + 500_000) / 1_000_000;
    }

    @Test
    void shouldReportTheCo2eOfAnIndependentComputationToTheGramAndStayUnchangedOnASecondImport() throws Exception {
        importAll();
        Map<String, long[]> electricity = expectedElectricity();
        long[] heat = expectedHeat();

        Map<String, JsonNode> y2023 = awaitReport(2023, lines -> electricity.entrySet().stream().allMatch(e -> lines.containsKey(e.getKey())
                && lines.get(e.getKey()).path("energyWh").asLong() == e.getValue()[0] && lines.get(e.getKey()).path("pendingFactorWh").asLong() == 0));
        for (Map.Entry<String, long[]> e : electricity.entrySet()) {
            assertThat(y2023.get(e.getKey()).path("co2eGrams").asLong()).as(e.getKey()).isEqualTo(grams(e.getValue()[1]));
        }
        assertThat(y2023.get("I.2.2 ELECTRICITY").path("municipalCo2eGrams").asLong()).isEqualTo(grams(electricity.get("I.2.2 ELECTRICITY")[1]));
        Map<String, JsonNode> y2019 = awaitReport(2019, lines -> lines.containsKey("I.1.2 DISTRICT_HEATING")
                && lines.get("I.1.2 DISTRICT_HEATING").path("energyWh").asLong() == heat[0]
                && lines.get("I.1.2 DISTRICT_HEATING").path("pendingFactorWh").asLong() == 0);
        assertThat(y2019.get("I.1.2 DISTRICT_HEATING").path("co2eGrams").asLong()).isEqualTo(grams(heat[1]));

        JsonNode md = JSON.readTree(cli("report", "--municipality", "0187", "--year", "2023", "--format", "json"));
        assertThat(md.path("factors").path("ELECTRICITY").path("gases").asText()).isEqualTo("CO2 only");
        assertThat(md.path("factors").path("ELECTRICITY").path("coverage").asText()).isEqualTo("CO2 only, not complete CO2e");
        assertThat(md.path("chpMethods").asText()).startsWith("mixed CHP methods: electricity 125%, district heating 200%");
        assertThat(md.path("co2eGrams").asLong()).isEqualTo(electricity.values().stream().mapToLong(v -> grams(v[1])).sum());

        importAll(); // every import flushes before it returns, so the end offsets below include the second copy
        KlimaflowConfig config = app.config();
        String appId = config.get("application.id");
        try (ConsumerLag lag = new ConsumerLag(config.clientProperties(), appId,
                List.of(Topics.ELECTRICITY, Topics.DISTRICT_HEATING, Topics.EMISSION_FACTORS, Topics.METERING_POINTS, appId + "-aggregate-deltas"))) {
            Poll.until(() -> lag.records() == 0);
        }
        Map<String, JsonNode> again = report(2023);
        Map<String, JsonNode> again2019 = report(2019);
        for (String key : electricity.keySet()) {
            assertThat(again.get(key).path("revision").asLong()).as("revision of " + key).isEqualTo(y2023.get(key).path("revision").asLong());
            assertThat(again.get(key).path("co2eGrams").asLong()).isEqualTo(y2023.get(key).path("co2eGrams").asLong());
        }
        assertThat(again2019.get("I.1.2 DISTRICT_HEATING").path("revision").asLong()).isEqualTo(y2019.get("I.1.2 DISTRICT_HEATING").path("revision").asLong());
    }

    /** Waiting with a deadline. */
    static final class Poll {
        interface Check {
            boolean ok() throws Exception;
        }

        static void until(Check check) throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!check.ok()) {
                assertThat(System.nanoTime()).as("timed out").isLessThan(deadline);
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            }
        }
    }
}
