package dk.klimaflow.cli;

import dk.klimaflow.config.KlimaflowConfig;
import dk.klimaflow.embedded.EmbeddedStack;
import dk.klimaflow.simulate.Backpressure;
import dk.klimaflow.simulate.KafkaFeedSink;
import dk.klimaflow.simulate.UtilityFeedSimulator;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code klimaflow demo}: the main job on the embedded default. Starts the broker and registry, the pipeline with its
 * dashboard, API and metrics, and simulated Vallensbaek utility feeds (history first, then live, with duplicates,
 * corrections, late and missing points and bad records), and prints what to look at. Runs until Ctrl-C.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run everything on this machine: Kafka, schema registry, the pipeline, dashboard and simulated utility feeds.",
                "Runs until Ctrl-C."})
public final class DemoCommand implements Callable<Integer> {
    @Mixin
    StackOptions stackOptions;

    @Mixin
    FeedOptions feed;

    @Option(names = "--web-port", paramLabel = "PORT", defaultValue = "8080", description = "Port of the dashboard and API on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int webPort;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        long started = System.nanoTime();
        PrintWriter out = spec.commandLine().getOut();
        dk.klimaflow.embedded.Ports.requireFree(webPort, "dashboard", "--web-port");
        EmbeddedStack stack = stackOptions.startStack();
        StackCommand.printConnectionDetails(stack, out);
        KlimaflowConfig config = stack.config().with(Map.of(KlimaflowConfig.WEB_PORT, String.valueOf(webPort)));
        KafkaStreams streams = RunCommand.run(config, stack.schemaRegistry(), out).streams();
        KafkaFeedSink sink = new KafkaFeedSink(config.clientProperties(), stack.schemaRegistry(), true);
        // the feeds never outrun the pipeline: backfill and live are paced by its consumer group's lag
        Backpressure backpressure = feed.backpressure(config.clientProperties(), config.get("application.id"),
                FeedOptions.DEMO_MAX_LAG_RECORDS, out);
        UtilityFeedSimulator simulator = feed.start(sink, backpressure, out);
        OnExit.close("simulated feeds", () -> {
            simulator.stop();
            if (backpressure != null) {
                backpressure.close();
            }
            sink.close();
        });
        String bootstrap = stack.bootstrapServers();
        out.println();
        out.println("What to look at:");
        out.println("  Dashboard         http://127.0.0.1:" + webPort + "/");
        out.println("  Hourly emissions  ./klimaflow tail emissions.sector.hourly --bootstrap-server " + bootstrap + " --registry-url " + stack.registryUrl());
        out.println("  Dead letters      ./klimaflow tail energy.readings.rejected --bootstrap-server " + bootstrap + " --registry-url " + stack.registryUrl());
        out.println("  Ledger            curl -s 127.0.0.1:" + webPort + "/api/counters");
        java.time.LocalDate today = java.time.LocalDate.now(dk.klimaflow.domain.LocalCalendar.ZONE);
        out.println("  Daily emissions   curl -s '127.0.0.1:" + webPort + "/api/emissions?municipality=0187&granularity=day&from="
                + today.minusDays(7) + "&to=" + today.plusDays(1) + "'");
        out.println("  Metrics           curl -s 127.0.0.1:" + webPort + "/metrics");
        out.flush();
        if (awaitRunning(streams, Duration.ofMinutes(3))) {
            out.printf("Ready in %.1f s: the pipeline is running; the dashboard fills as it processes the history. Press Ctrl-C to stop.%n",
                    (System.nanoTime() - started) / 1e9);
        } else {
            out.printf("The pipeline is %s after %.1f s (see the log above). Press Ctrl-C to stop.%n", streams.state(),
                    (System.nanoTime() - started) / 1e9);
        }
        out.flush();
        KlimaflowCli.awaitShutdown();
        return 0;
    }

    /** Polls until the pipeline's stream threads run (true), or it failed, stopped or {@code timeout} passed (false). */
    static boolean awaitRunning(KafkaStreams streams, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            KafkaStreams.State state = streams.state();
            if (state == KafkaStreams.State.RUNNING) {
                return true;
            }
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING || state == KafkaStreams.State.PENDING_SHUTDOWN
                    || state == KafkaStreams.State.PENDING_ERROR) {
                return false;
            }
            try {
                Thread.sleep(100); // KafkaStreams takes a state listener only before start: poll its state
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
