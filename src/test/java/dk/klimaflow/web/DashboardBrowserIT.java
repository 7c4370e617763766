package dk.klimaflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dk.klimaflow.embedded.EmbeddedStack;
import dk.klimaflow.embedded.Ports;
import dk.klimaflow.simulate.KafkaFeedSink;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real browser: Debian's headless Chromium driven by playwright-core ({@code src/test/browser/dashboard.mjs},
 * run with node) against the web server of a running pipeline on the real broker and registry, with simulated utilities'
 * data. Checks that the charts draw, that a new reading sent while the page is open changes it without a reload, that the
 * annual report link downloads a CSV file, and saves
 * screenshots to {@code target/screenshots/}. Needs {@code apt-get install -y chromium} and {@code npm ci --prefix src/test/browser}.
 */
class DashboardBrowserIT {
    @TempDir
    static Path dir;

    private static EmbeddedStack stack;
    private static PipelineNode node;
    private static LiveData data;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        stack = EmbeddedStack.startAndSetUp(dir.resolve("stack"), Ports.free(), Ports.free(), true);
        node = PipelineNode.start(stack.config(), stack.schemaRegistry(), dir.resolve("streams"), 110_000).awaitRunning(Duration.ofMinutes(2));
        data = new LiveData(new KafkaFeedSink(stack.config().clientProperties(), stack.schemaRegistry(), true), 0.01, 0.001);
        data.backfill(30);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {data, node, stack}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // keep closing the rest
            }
        }
    }

    @Test
    void shouldDrawTheChartsAndShowANewReadingWithoutReload() throws Exception {
        Path project = Path.of(System.getProperty("klimaflow.project.dir", "."));
        Path browser = project.resolve("src/test/browser");
        assertThat(browser.resolve("node_modules/playwright-core")).as("playwright-core: run npm ci --prefix src/test/browser").exists();
        assertThat(Path.of("/usr/bin/chromium")).as("Chromium: run apt-get install -y chromium").exists();
        Poll.until("hourly windows in the API", Duration.ofMinutes(3), () -> hourlyWindows() > 0);

        Path shots = project.resolve("target/screenshots");
        Files.createDirectories(shots);
        Process proc = new ProcessBuilder("node", "dashboard.mjs", node.uri().toString(), shots.toString())
                .directory(browser.toFile()).redirectErrorStream(true).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
                r.lines().forEach(lines::add);
            } catch (Exception e) {
                lines.add("FAIL reading node output: " + e);
            }
            lines.add("EXIT");
        });
        reader.setDaemon(true);
        reader.start();
        try {
            String ready = next(lines, "READY", Duration.ofMinutes(3));
            assertThat(ready).startsWith("READY");
            data.correct("I.1", 250_000);
            String done = next(lines, "OK", Duration.ofMinutes(3));
            assertThat(done).startsWith("OK");
            JsonNode result = Http.JSON.readTree(done.substring(3));
            assertThat(result.get("after").get("noReload").asBoolean()).isTrue();
            assertThat(result.get("after").get("updates").asLong()).isGreaterThan(result.get("before").get("updates").asLong());
            assertThat(result.get("report").get("disposition").asText()).startsWith("attachment; filename=\"klimaflow-gpc-0187-");
            assertThat(result.get("report").get("lines").asInt()).as("the report's header and at least one GPC line").isGreaterThan(1);
            assertThat(proc.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(proc.exitValue()).isZero();
        } finally {
            proc.destroy();
            if (!proc.waitFor(10, TimeUnit.SECONDS)) {
                proc.destroyForcibly();
            }
        }
        for (String shot : List.of("dashboard.png", "dashboard-wall.png", "dashboard-laptop-day.png")) {
            assertThat(shots.resolve(shot)).isNotEmptyFile();
        }
    }

    /** The next line that starts with {@code want}, failing on FAIL or the end of the script's output. */
    private static String next(BlockingQueue<String> lines, String want, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                continue;
            }
            if (line.startsWith(want)) {
                return line;
            }
            if (line.startsWith("FAIL") || line.equals("EXIT")) {
                throw new AssertionError("browser script: " + line + "\n" + seen);
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("no '" + want + "' from the browser script within " + timeout.toSeconds() + " s\n" + seen);
    }

    private static int hourlyWindows() {
        try {
            String from = java.time.Instant.now().minus(Duration.ofHours(30)).toString();
            String to = java.time.Instant.now().plus(Duration.ofHours(1)).toString();
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(node.uri() + "api/emissions?municipality=0187&granularity=hour&from="
                    + from + "&to=" + to)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Http.JSON.readTree(r.body()).get("count").asInt() : 0;
        } catch (Exception e) {
            return 0;
        }
    }
}
