package dk.klimaflow.chaos;

import dk.klimaflow.embedded.EmbeddedKafka;
import dk.klimaflow.embedded.KraftQuorum;
import dk.klimaflow.embedded.Ports;
import java.util.ArrayList;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The embedded Kafka broker ({@link EmbeddedKafka}: KRaft broker and controller) in a child JVM of its own, so that it can be
 * stopped hard ({@code kill -9}: no controlled shutdown, no flush, no goodbye to clients) and started again on the same port
 * and log directory. Input: the broker port and log directory, and for a node of a multi-broker cluster its node id and
 * {@link KraftQuorum}; output: a broker on 127.0.0.1:port, its log in {@code broker.log} (a quorum's node:
 * {@code broker-<nodeId>.log}) next to the log directory. The child exits when this JVM goes away (its stdin closes), so no broker is
 * left behind even after {@code kill -9} of the parent.
 */
public final class BrokerProcess implements AutoCloseable {
    private static final Duration READY_DEADLINE = Duration.ofSeconds(120);

    private final int port;
    private final Path logDir;
    private final int nodeId;
    private final KraftQuorum quorum;
    private Process process;

    public BrokerProcess(int port, Path logDir) {
        this(port, logDir, 1, null);
    }

    /** Node {@code nodeId} of {@code quorum} (null: a single node). */
    public BrokerProcess(int port, Path logDir, int nodeId, KraftQuorum quorum) {
        this.port = port;
        this.logDir = logDir.toAbsolutePath();
        this.nodeId = nodeId;
        this.quorum = quorum;
    }

    /** Starts the child JVM and returns when the broker accepts connections. */
    public synchronized BrokerProcess start() throws IOException {
        launch();
        return awaitListening();
    }

    /**
     * Starts the child JVM without waiting: the nodes of a quorum are launched together, then awaited, since none finishes
     * its start before a majority of controllers runs.
     */
    public synchronized BrokerProcess launch() throws IOException {
        if (process != null && process.isAlive()) {
            return this;
        }
        Files.createDirectories(logDir);
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                "-cp", System.getProperty("java.class.path"), BrokerProcess.class.getName(), String.valueOf(port), logDir.toString()));
        if (quorum != null) {
            command.addAll(List.of(String.valueOf(nodeId), quorum.toArgument()));
        }
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                .start();
        return this;
    }

    /** Returns when the launched broker accepts connections; fails if its JVM exits or the deadline passes. */
    public synchronized BrokerProcess awaitListening() {
        if (process == null) {
            throw new IllegalStateException("broker " + nodeId + " was not launched");
        }
        long deadline = System.nanoTime() + READY_DEADLINE.toNanos();
        while (!Ports.listening(port)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the broker child exited during startup (exit " + process.exitValue() + "): see "
                        + logFile());
            }
            if (System.nanoTime() > deadline) {
                kill();
                throw new IllegalStateException("the broker did not listen on port " + port + " within " + READY_DEADLINE.toSeconds() + " s");
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        return this;
    }

    private Path logFile() {
        return logDir.resolveSibling(quorum == null ? "broker.log" : "broker-" + nodeId + ".log");
    }

    public String bootstrapServers() {
        return Ports.HOST + ":" + port;
    }

    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** {@code kill -9} of the broker JVM; returns when it is gone. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly(); // SIGKILL on Linux
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Stops the broker in order (SIGTERM: controlled shutdown), then hard after 30 s. */
    @Override
    public synchronized void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** How long an orphaned or stopped broker may take to close before it halts (a cluster's last node never finishes). */
    static final java.time.Duration STOP_DEADLINE = java.time.Duration.ofSeconds(20);

    /**
     * Closes the broker, and halts the JVM if that takes longer than {@code deadline}: a node whose peers are gone cannot
     * finish a controlled shutdown (no controller quorum), and an orphan must not outlive its parent for long.
     */
    static void closeWithin(EmbeddedKafka kafka, java.time.Duration deadline) {
        Thread close = new Thread(kafka::close, "broker-close");
        close.setDaemon(true);
        close.start();
        try {
            close.join(deadline.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (close.isAlive()) {
            System.err.println("klimaflow chaos broker did not stop within " + deadline.toSeconds() + " s (no quorum left?); halting");
            Runtime.getRuntime().halt(1);
        }
    }

    /** Child main: {@code <port> <logDir> [<nodeId> <quorum>]}; runs the broker until stdin closes or SIGTERM. */
    public static void main(String[] args) throws IOException {
        KraftQuorum quorum = args.length > 3 ? KraftQuorum.fromArgument(args[3]) : null;
        EmbeddedKafka kafka = new EmbeddedKafka(Integer.parseInt(args[0]), Path.of(args[1]), args.length > 3 ? Integer.parseInt(args[2]) : 1, quorum).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeWithin(kafka, STOP_DEADLINE), "broker-stop"));
        System.out.println("klimaflow chaos broker ready on " + kafka.bootstrapServers());
        System.out.flush();
        InputStream in = System.in;
        while (in.read() >= 0) {
            // the parent never writes; end of stream means the parent is gone
        }
        System.exit(0);
    }
}
