package dk.klimaflow.cli;

import dk.klimaflow.config.KlimaflowConfig;
import dk.klimaflow.config.Topics;
import dk.klimaflow.embedded.EmbeddedStack;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code klimaflow stack}: the embedded Kafka broker and schema registry with every klimaflow topic created and every value schema
 * registered; prints the connection details and runs until Ctrl-C, which stops both.
 */
@Command(name = "stack", mixinStandardHelpOptions = true,
        description = {"Run the embedded Kafka broker and schema registry with all topics and schemas, until Ctrl-C.",
                "Creates every klimaflow topic, registers every value schema, prints the connection details."})
public final class StackCommand implements Callable<Integer> {
    @Mixin
    StackOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        long started = System.nanoTime();
        EmbeddedStack stack = options.startStack();
        PrintWriter out = spec.commandLine().getOut();
        printConnectionDetails(stack, out);
        out.printf("Ready in %.1f s. Press Ctrl-C to stop.%n", (System.nanoTime() - started) / 1e9);
        out.flush();
        KlimaflowCli.awaitShutdown();
        return 0;
    }

    /** Bootstrap servers, registry URL, data directory and the topics with their value types and cleanup policies. */
    public static void printConnectionDetails(EmbeddedStack stack, PrintWriter out) {
        KlimaflowConfig config = stack.config();
        out.println("klimaflow stack");
        out.println("  bootstrap.servers    " + stack.bootstrapServers());
        out.println("  schema.registry.url  " + stack.registryUrl() + "  (Confluent API of Apicurio Registry)");
        out.println("  data directory       " + stack.dataDir());
        out.println("  topics (" + config.get(KlimaflowConfig.PARTITIONS) + " partitions each), value schema under <topic>-value:");
        for (String topic : Topics.ALL) {
            out.printf("    %-34s %-24s %s%n", topic, Topics.VALUE_TYPES.get(topic), Topics.compacted(topic) ? "compacted" : "");
        }
        out.flush();
    }
}
