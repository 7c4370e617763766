package dk.klimaflow.cli;

import dk.klimaflow.chaos.ChaosFailure;
import dk.klimaflow.chaos.ChaosReport;
import dk.klimaflow.chaos.ChaosRunner;
import dk.klimaflow.chaos.ChaosSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code klimaflow chaos}: faults under load with exact totals checked. Wiring only: the options become {@link ChaosSettings},
 * {@link ChaosRunner} does the work. Prints per fault: runs done, records in, accepted/rejected/parked, and "totals equal" or
 * the first difference. Exit codes: 0 all equal, 1 a difference or a deadline passed, 2 bad usage.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = {"Break the pipeline on purpose under load and check that every total stays exact.",
                "Starts its own Kafka broker (child JVM) and schema registry in a fresh temporary directory, the pipeline as a child JVM,",
                "and a live feed (electricity series with corrections, heat registers, garbage, unknown metering points). Faults, in order:",
                "kill (kill -9 of the pipeline and restart, --kills times), broker (kill -9 of the broker and restart), registry (down for",
                "--registry-down-seconds while a new writer schema arrives), wipe (state directory deleted and restored from the changelogs),",
                "race (factor revisions racing with readings of the same hours). After each fault the committed hourly, daily, monthly and yearly totals must equal",
                "an independent recomputation and in = accepted + rejected + parked must match what was sent; exit code 1 if not."})
public final class ChaosCommand implements Callable<Integer> {
    @Option(names = "--faults", paramLabel = "LIST", split = ",", description = "Faults to run, of kill,broker,pause,broker-pause,wipe,race,registry (default: all).")
    List<String> faults;

    @Option(names = "--kills", paramLabel = "N", description = "kill -9 restarts of the pipeline (default 20).")
    Integer kills;

    @Option(names = "--runs", paramLabel = "N", description = "Runs of each other fault (default 1).")
    Integer runs;

    @Option(names = "--metering-points", paramLabel = "N", description = "Metering points of the load (default 2,000).")
    Integer meteringPoints;

    @Option(names = "--days", paramLabel = "N", description = "Days the electricity series cover (default 2).")
    Integer days;

    @Option(names = "--rate", paramLabel = "N", description = "Records per second of the load; an electricity record is a day of 96 readings (default 100).")
    Integer rate;

    @Option(names = "--registry-down-seconds", paramLabel = "S", description = "How long the registry is down (default 30).")
    Integer registryDownSeconds;

    @Option(names = "--partitions", paramLabel = "N", description = "Partitions of the topics (default 3).")
    Integer partitions;

    @Option(names = "--brokers", paramLabel = "N", description = "Kafka brokers: 1 (default), or a KRaft cluster of 3 or more with every topic "
            + "replicated 3 times, min.insync.replicas 2; then the broker fault kills one of them, and the pipeline must keep counting while it is down.")
    Integer brokers;

    @Option(names = "--pipeline-heap", paramLabel = "SIZE", description = "-Xmx of the pipeline's JVM (default 512m).")
    String pipelineHeap;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the load's garbage and of the kill moments (default 20261130).")
    Long seed;

    @Option(names = "--verify-seconds", paramLabel = "S", description = "Deadline for the totals to become equal after each fault (default 180).")
    Integer verifySeconds;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the results, settings, machine and git commit as one JSON object.")
    Path json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ChaosSettings settings = settings();
        PrintWriter out = spec.commandLine().getOut();
        ChaosRunner runner = new ChaosRunner(settings, out);
        int exit = 0;
        try {
            runner.run();
        } catch (ChaosFailure e) {
            spec.commandLine().getErr().println("klimaflow chaos: FAILED: " + e.getMessage());
            spec.commandLine().getErr().flush();
            exit = KlimaflowCli.FAILED;
        }
        ChaosReport report = runner.report();
        if (!report.allEqual()) {
            exit = KlimaflowCli.FAILED;
        }
        out.println();
        out.print(report.table());
        out.println(exit == 0 ? "all totals equal" : "FAILED: a difference or a deadline (see above)");
        if (json != null) {
            report.writeJson(json);
            out.println("results written to " + json.toAbsolutePath());
        }
        out.flush();
        return exit;
    }

    ChaosSettings settings() {
        ChaosSettings d = ChaosSettings.defaults();
        try {
            return new ChaosSettings(faults == null ? d.faults() : new HashSet<>(faults.stream().map(String::trim).toList()),
                    kills != null ? kills : d.kills(), runs != null ? runs : d.runs(), meteringPoints != null ? meteringPoints : d.meteringPoints(),
                    days != null ? days : d.days(), rate != null ? rate : d.recordsPerSecond(),
                    registryDownSeconds != null ? registryDownSeconds : d.registryDownSeconds(), partitions != null ? partitions : d.partitions(),
                    brokers != null ? brokers : d.brokers(),
                    pipelineHeap != null ? pipelineHeap : d.pipelineHeap(), seed != null ? seed : d.seed(),
                    verifySeconds != null ? verifySeconds : d.verifySeconds(), json);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
