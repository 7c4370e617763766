package dk.klimaflow.cli;

import dk.klimaflow.config.KlimaflowConfig;
import dk.klimaflow.registry.RestSchemaRegistry;
import dk.klimaflow.simulate.Backpressure;
import dk.klimaflow.simulate.KafkaFeedSink;
import dk.klimaflow.simulate.UtilityFeedSimulator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code klimaflow simulate}: publishes simulated Vallensbaek utility feeds (metering points, factors, electricity time
 * series, heat-meter registers, with anomalies) to any Kafka + schema registry, as a utility would. Runs until Ctrl-C.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Publish simulated Vallensbaek utility feeds to Kafka (Confluent wire format), until Ctrl-C."})
public final class SimulateCommand implements Callable<Integer> {
    @Mixin
    ClusterOptions cluster;

    @Mixin
    FeedOptions feed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        KlimaflowConfig config = cluster.config();
        RestSchemaRegistry registry = RestSchemaRegistry.fromConfig(config);
        KafkaFeedSink sink = new KafkaFeedSink(config.clientProperties(), registry, config.getBoolean(KlimaflowConfig.AUTO_REGISTER));
        Backpressure backpressure = feed.backpressure(config.clientProperties(), config.get("application.id"), 0, spec.commandLine().getOut());
        UtilityFeedSimulator simulator = feed.start(sink, backpressure, spec.commandLine().getOut());
        OnExit.close(() -> {
            simulator.stop();
            if (backpressure != null) {
                backpressure.close();
            }
            spec.commandLine().getOut().println(simulator.stats().summary());
            spec.commandLine().getOut().flush();
            sink.close();
        });
        KlimaflowCli.awaitShutdown();
        return 0;
    }
}
