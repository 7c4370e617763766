package dk.klimaflow.pipeline;

import dk.klimaflow.config.ConfigException;
import dk.klimaflow.config.KlimaflowConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Checks that the reading and metering-point topics are co-partitioned (same partition count, which the intake's joins of
 * readings, parking and master data rely on) and creates the pipeline's own topics with that count: the factor broadcast
 * ({@code <app>-factor-broadcast}) and the aggregate changes ({@code <app>-aggregate-deltas}), for the {@link PipelinePass}
 * that runs (the backfill pass: its own inputs and broadcast, the live pass's deltas topic). Returns the partition count.
 */
final class InternalTopics {
    private InternalTopics() {
    }

    /** How long topics that were just created may take to show in the metadata of the broker that answers. */
    private static final long METADATA_DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(15);

    static int ensure(KlimaflowConfig config) {
        try (Admin admin = Admin.create(config.clientProperties())) {
            long deadline = System.nanoTime() + METADATA_DEADLINE_NANOS;
            while (true) {
                try {
                    return ensure(config, admin);
                } catch (ConfigException e) {
                    // "This server does not host this topic-partition" right after the topics were created is retriable
                    if (!(e.getCause() instanceof org.apache.kafka.common.errors.RetriableException) || System.nanoTime() - deadline > 0) {
                        throw e;
                    }
                }
                try {
                    Thread.sleep(200); // the admin client has no way to wait for metadata: poll it
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private static int ensure(KlimaflowConfig config, Admin admin) {
        PipelinePass pass = PipelinePass.of(config);
        List<String> coPartitioned = pass.inputs();
        try {
            Map<String, TopicDescription> inputs = admin.describeTopics(coPartitioned).allTopicNames().get(30, TimeUnit.SECONDS);
            int partitions = inputs.get(pass.electricity()).partitions().size();
            for (TopicDescription d : inputs.values()) {
                if (d.partitions().size() != partitions) {
                    throw new ConfigException("topics " + coPartitioned + " must have the same number of partitions, but "
                            + d.name() + " has " + d.partitions().size() + " and " + pass.electricity() + " has " + partitions
                            + ": add partitions so they match");
                }
            }
            short replication = (short) config.getInt(KlimaflowConfig.REPLICATION);
            List<NewTopic> internal = new ArrayList<>();
            internal.add(new NewTopic(pass.factorBroadcast(), partitions, replication)
                    .configs(Map.of("cleanup.policy", "compact")));
            internal.add(new NewTopic(pass.aggregateDeltas(), partitions, replication)
                    .configs(Map.of("retention.ms", String.valueOf(7L * 24 * 3600 * 1000))));
            for (var f : admin.createTopics(internal).values().values()) {
                try {
                    f.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            for (TopicDescription d : admin.describeTopics(internal.stream().map(NewTopic::name).toList()).allTopicNames()
                    .get(30, TimeUnit.SECONDS).values()) {
                if (d.partitions().size() != partitions) {
                    throw new ConfigException("internal topic " + d.name() + " has " + d.partitions().size() + " partitions but the inputs have "
                            + partitions + ": every task must receive every factor; recreate it with " + partitions + " partitions");
                }
            }
            return partitions;
        } catch (ExecutionException e) {
            throw new ConfigException("cannot prepare the pipeline's topics on " + config.get("bootstrap.servers") + ": "
                    + e.getCause().getMessage() + " (create the input topics first, e.g. with ./klimaflow run --setup-topics)", e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new ConfigException("Kafka unreachable at " + config.get("bootstrap.servers") + ": start it or set bootstrap.servers");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
