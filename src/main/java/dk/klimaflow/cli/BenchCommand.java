package dk.klimaflow.cli;

import dk.klimaflow.bench.BenchFailure;
import dk.klimaflow.bench.BenchRunner;
import dk.klimaflow.bench.BenchSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code klimaflow bench}: throughput, latency, memory and scaling of the pipeline, with exact totals checked. Wiring only: the
 * options become {@link BenchSettings}, {@link BenchRunner} does the work. Exit codes: 0 ok, 1 wrong totals or a deadline
 * passed (message naming the cell and both numbers), 2 bad usage.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure the pipeline: exactly-once ceiling of the broker, backlog catch-up, end-to-end latency, memory and scaling.",
                "Starts an embedded broker and registry in a fresh temporary directory unless --bootstrap-server/--registry-url are given",
                "(use a dedicated cluster: the bench writes to the klimaflow input topics and deletes their records between runs).",
                "Every run checks that the aggregates equal the expected totals exactly; exit code 1 if not."})
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--phases", paramLabel = "LIST", split = ",", description = "Phases to run, of ceiling,backlog,latency,scaling (default: all).")
    List<String> phases;

    @Option(names = "--quick", description = "Small sizes for every phase (5,000 metering points, 200,000 readings, latency 10 s at 2,000/s, scaling at 2 small sizes; tiered JIT in the pipeline JVMs).")
    boolean quick;

    @Option(names = "--metering-points", paramLabel = "N", description = "Metering points (default 100,000; 5,000 with --quick).")
    Integer meteringPoints;

    @Option(names = "--readings", paramLabel = "M", description = "Interval readings of the backlog and ceiling phases (default 10,000,000; 200,000 with --quick).")
    Long readings;

    @Option(names = "--threads", paramLabel = "N", description = "num.stream.threads of the pipeline (and ceiling copier threads) (default: the pipeline's default, 2).")
    Integer threads;

    @Option(names = "--partitions", paramLabel = "N", description = "Partitions of the topics when the bench creates them (default 6).")
    Integer partitions;

    @Option(names = "--heat-delivery", paramLabel = "series|readings", description = "How the backlog's district-heating readings are delivered: "
            + "series (default; a meter's day of hourly registers per record on energy.district-heating.series, as a heat-meter system exports them) "
            + "or readings (one record per reading on energy.district-heating.readings).")
    String heatDelivery;

    @Option(names = "--latency-rate", paramLabel = "N", description = "Interval readings per second in the latency phase (default 5,000; 2,000 with --quick).")
    Integer latencyRate;

    @Option(names = "--latency-seconds", paramLabel = "S", description = "Duration of the latency phase (default 60; 10 with --quick).")
    Integer latencySeconds;

    @Option(names = "--pipeline-heap", paramLabel = "SIZE", description = "-Xmx of the pipeline's JVM (default 768m; 512m with --quick).")
    String pipelineHeap;

    @Option(names = "--scaling-sizes", paramLabel = "LIST", split = ",", description = "Reading counts of the scaling phase (default 1000000,3000000,10000000; 20000,100000 with --quick).")
    List<Long> scalingSizes;

    @Option(names = "--timeout-seconds", paramLabel = "S", description = "Deadline per pipeline run (default 300 s + 1 s per 5,000 readings).")
    int timeoutSeconds;

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT", description = "A real Kafka cluster instead of the embedded broker (needs --registry-url).")
    String bootstrapServer;

    @Option(names = "--registry-url", paramLabel = "URL", description = "A real Confluent-compatible schema registry (with --bootstrap-server).")
    String registryUrl;

    @Option(names = "--json", paramLabel = "FILE", description = "Write every figure, the machine, the settings and the git commit as one JSON object.")
    Path json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        BenchRunner runner = new BenchRunner(settings(), out);
        int exit = 0;
        try {
            runner.run();
        } catch (BenchFailure e) {
            runner.report().put("run", "failure", e.getMessage());
            spec.commandLine().getErr().println("klimaflow bench: FAILED: " + e.getMessage());
            spec.commandLine().getErr().flush();
            exit = KlimaflowCli.FAILED;
        }
        runner.report().put("run", "result", exit == 0 ? "ok" : "failed");
        out.println();
        out.print(runner.report().table());
        if (json != null) {
            runner.report().writeJson(json);
            out.println("figures written to " + json.toAbsolutePath());
        }
        out.flush();
        return exit;
    }

    private boolean heatSeries() {
        if (heatDelivery == null || heatDelivery.equals("series")) {
            return true;
        }
        if (heatDelivery.equals("readings")) {
            return false;
        }
        throw new ParameterException(spec.commandLine(), "--heat-delivery must be 'series' or 'readings', not '" + heatDelivery + "'");
    }

    BenchSettings settings() {
        BenchSettings base = quick ? BenchSettings.quickDefaults() : BenchSettings.defaults();
        try {
            return new BenchSettings(phases == null ? base.phases() : new LinkedHashSet<>(phases.stream().map(String::trim).toList()),
                    meteringPoints != null ? meteringPoints : base.meteringPoints(), readings != null ? readings : base.readings(),
                    threads != null ? threads : base.threads(), partitions != null ? partitions : base.partitions(),
                    latencyRate != null ? latencyRate : base.latencyRate(), latencySeconds != null ? latencySeconds : base.latencySeconds(),
                    pipelineHeap != null ? pipelineHeap : base.pipelineHeap(), scalingSizes != null ? scalingSizes : base.scalingSizes(),
                    base.scalingThreads(), bootstrapServer, registryUrl, timeoutSeconds, json, quick, heatSeries());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
