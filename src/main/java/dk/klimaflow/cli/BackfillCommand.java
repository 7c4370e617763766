package dk.klimaflow.cli;

import dk.klimaflow.config.KlimaflowConfig;
import dk.klimaflow.pipeline.BackfillRun;
import dk.klimaflow.pipeline.PipelinePass;
import dk.klimaflow.registry.RestSchemaRegistry;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code klimaflow backfill}: the backfill pass ({@link BackfillRun}) over what {@code klimaflow import readings|metering-points
 * --backfill} put on the energy.backfill.* topics, with the same settings as the live pipeline ({@code --config}); it ends when
 * they are drained and prints the pass's ledger. Exit 0 when drained, 1 when the timeout passed first or Kafka failed.
 */
@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = {"Run the backfill pass until the energy.backfill.* topics are drained: history older than the live correction",
                "horizon, counted into the live pipeline's aggregates (the live pipeline must run to publish them). Use the live",
                "pipeline's settings (--config); klimaflow.backfill.horizon (default P4000D) bounds how old the history may be."})
public final class BackfillCommand implements Callable<Integer> {
    @Mixin
    ClusterOptions cluster;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT24H",
            description = "Give up when the inputs are not drained after this long (ISO-8601, default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        KlimaflowConfig config = cluster.config();
        PrintWriter out = spec.commandLine().getOut();
        PipelinePass pass = PipelinePass.of(config.with(Map.of(KlimaflowConfig.MODE, "backfill")));
        out.printf("Backfill pass (application.id %s): %s -> %s; intervals ending at least %d days ago (the live horizon), at most %d%n",
                pass.applicationId(), pass.inputs(), pass.aggregateDeltas(), pass.liveHorizon().toDays(), pass.horizon().toDays());
        out.flush();
        BackfillRun.Result r = BackfillRun.run(config, RestSchemaRegistry.fromConfig(config), timeout, spec.commandLine().getErr());
        long in = r.counters().getOrDefault("in", 0L);
        long accepted = r.counters().getOrDefault("accepted", 0L);
        long parked = r.counters().getOrDefault("parked", 0L);
        StringBuilder rejected = new StringBuilder();
        long[] rejectedTotal = {0};
        r.counters().forEach((k, v) -> {
            if (k.startsWith("rejected.") && v > 0) {
                rejected.append(rejected.length() == 0 ? "" : ", ").append(k.substring("rejected.".length())).append(' ').append(v);
                rejectedTotal[0] += v;
            }
        });
        out.printf("%s: readings in %,d, accepted %,d, rejected %,d%s, parked %,d%n", r.drained() ? "drained" : "NOT drained after " + timeout,
                in, accepted, rejectedTotal[0], rejected.length() == 0 ? "" : " (" + rejected + ")", parked);
        if (parked > 0) {
            out.println("parked readings wait for their metering point: import the register with --backfill and run backfill again");
        }
        out.flush();
        return r.drained() ? 0 : KlimaflowCli.FAILED;
    }
}
