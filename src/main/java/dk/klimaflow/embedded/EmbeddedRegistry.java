package dk.klimaflow.embedded;

import dk.klimaflow.config.ConfigException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Apicurio Registry 3 (a real schema registry with the Confluent API at {@code /apis/ccompat/v7}) as a child process:
 * {@code java -jar quarkus-run.jar} from the registry home (system property {@code klimaflow.registry.home}, else
 * {@code ./target/apicurio}) on a Java 21+ found by {@link RegistryJava}, HTTP and management ports bound to 127.0.0.1, global
 * compatibility BACKWARD. Input: the HTTP port and a data directory, which holds its log ({@code registry.log}) and its schemas
 * (an H2 file database in {@code registry/}, so schema ids stay valid for records kept across restarts). Output: the Confluent
 * API URL. It runs under a small {@code sh} watchdog that stops it within a second or two when this JVM is
 * gone, even after {@code kill -9}; a normal stop signals the registry by its own pid.
 */
public final class EmbeddedRegistry implements AutoCloseable {
    public static final int DEFAULT_PORT = 8081;
    public static final String HOME_PROPERTY = "klimaflow.registry.home";
    public static final String API_PATH = "/apis/ccompat/v7";
    private static final Duration READY_DEADLINE = Duration.ofSeconds(90);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(15);

    // $1 = parent pid, then the registry command. Background jobs of a non-interactive sh ignore SIGINT, so Ctrl-C reaches the
    // registry only through klimaflow's shutdown hook or this loop, never half-way through klimaflow's own shutdown.
    private static final String WATCHDOG = """
            parent=$1; shift
            "$@" &
            child=$!
            trap 'kill $child 2>/dev/null' TERM HUP
            while kill -0 "$parent" 2>/dev/null && kill -0 "$child" 2>/dev/null; do sleep 1; done
            if kill -0 "$child" 2>/dev/null; then
              kill "$child" 2>/dev/null; n=0
              while kill -0 "$child" 2>/dev/null && [ $n -lt 30 ]; do sleep 0.5; n=$((n+1)); done
              kill -9 "$child" 2>/dev/null
            fi
            wait "$child"
            """;

    private final int port;
    private final Path logFile;
    private final Path database;
    private Process watchdog;
    private ProcessHandle registry;

    public EmbeddedRegistry(int port, Path dataDir) {
        this.port = port;
        this.logFile = dataDir.toAbsolutePath().resolve("registry.log");
        this.database = dataDir.toAbsolutePath().resolve("registry").resolve("schemas");
    }

    /** The registry home: {@code -Dklimaflow.registry.home}, else {@code ./target/apicurio}. */
    public static Path home() {
        return Path.of(System.getProperty(HOME_PROPERTY, "target/apicurio")).toAbsolutePath();
    }

    /** Starts the registry and returns when its Confluent API answers. */
    public synchronized EmbeddedRegistry start() {
        if (watchdog != null) {
            return this;
        }
        Path home = home();
        if (!Files.isRegularFile(home.resolve("quarkus-run.jar"))) {
            throw new ConfigException("Apicurio Registry not found in " + home + " (no quarkus-run.jar): run 'mvn -B -DskipTests package'"
                    + " (it unpacks the registry to target/apicurio) or set -D" + HOME_PROPERTY + "=DIR");
        }
        Path java = RegistryJava.find(System.getenv());
        Ports.requireFree(port, "schema registry", "--registry-port");
        int managementPort = Ports.free();
        ProcessBuilder builder = new ProcessBuilder(List.of("sh", "-c", WATCHDOG, "klimaflow-registry-watchdog",
                String.valueOf(ProcessHandle.current().pid()), java.toString(), "-Xmx512m", "-XX:TieredStopAtLevel=1",
                // a class-data archive written at the first stop, in the registry home: later starts need about a quarter less CPU
                "-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + home.resolve("klimaflow-registry.jsa"),
                "-Dapicurio.rules.global.compatibility=BACKWARD", "-Dapicurio.datasource.url=jdbc:h2:file:" + database,
                "-jar", "quarkus-run.jar"));
        builder.directory(home.toFile());
        builder.environment().put("QUARKUS_HTTP_HOST", Ports.HOST);
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.environment().put("QUARKUS_MANAGEMENT_HOST", Ports.HOST);
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
        builder.redirectErrorStream(true);
        builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        try {
            Files.createDirectories(logFile.getParent());
            builder.redirectOutput(logFile.toFile());
            watchdog = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the schema registry with " + java + ": " + e.getMessage(), e);
        }
        try {
            awaitReady();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    private void awaitReady() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url() + "/subjects")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + READY_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            if (!watchdog.isAlive()) {
                throw new IllegalStateException("the schema registry exited during startup (exit " + watchdog.exitValue() + "): see "
                        + logFile + lastLine());
            }
            try {
                if (client.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    registry = watchdog.toHandle().children().findFirst().orElse(null);
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the schema registry", e);
            }
            pause();
        }
        throw new IllegalStateException("the schema registry did not answer on " + url() + " within " + READY_DEADLINE.toSeconds()
                + " s: see " + logFile + lastLine());
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the schema registry", e);
        }
    }

    private String lastLine() {
        try (var lines = Files.lines(logFile)) {
            Optional<String> last = lines.filter(l -> l.contains("ERROR") || l.contains("Exception")).reduce((a, b) -> b);
            return last.map(l -> " (" + l.strip() + ")").orElse("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The Confluent-compatible API, e.g. {@code http://127.0.0.1:8081/apis/ccompat/v7}. */
    public String url() {
        return "http://" + Ports.HOST + ":" + port + API_PATH;
    }

    public int port() {
        return port;
    }

    public Path logFile() {
        return logFile;
    }

    /** The registry process, once it is ready. */
    public synchronized Optional<ProcessHandle> process() {
        return Optional.ofNullable(registry);
    }

    /** Stops the registry by its own pid (SIGTERM, then SIGKILL after a deadline) and its watchdog; safe to call twice. */
    @Override
    public synchronized void close() {
        if (watchdog == null) {
            return;
        }
        ProcessHandle child = registry != null ? registry : watchdog.toHandle().children().findFirst().orElse(null);
        if (child != null) {
            stop(child);
        }
        stop(watchdog.toHandle());
        watchdog = null;
        registry = null;
    }

    private static void stop(ProcessHandle process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            process.onExit().get(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            process.onExit().orTimeout(5, TimeUnit.SECONDS).exceptionally(t -> null).join();
        }
    }
}
