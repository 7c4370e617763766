package dk.klimaflow.simulate;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * The lag of a consumer group (the pipeline's {@code application.id}) on some topics: per partition the last stable offset
 * (what a {@code read_committed} consumer can read) minus the group's committed offset, or minus the log start when the group
 * has committed nothing there yet (Kafka Streams reads those from the earliest offset). Three admin calls per {@link #records()}.
 */
public final class ConsumerLag implements AutoCloseable {
    private static final long TIMEOUT_MS = 5_000;

    private final Admin admin;
    private final String groupId;
    private final List<String> topics;
    private List<TopicPartition> partitions;

    public ConsumerLag(Properties clientSettings, String groupId, List<String> topics) {
        Properties props = new Properties();
        props.putAll(clientSettings);
        props.remove("client.id");
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "klimaflow-simulator-backpressure");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(TIMEOUT_MS));
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(TIMEOUT_MS));
        this.admin = Admin.create(props);
        this.groupId = groupId;
        this.topics = List.copyOf(topics);
    }

    public String groupId() {
        return groupId;
    }

    public List<String> topics() {
        return topics;
    }

    /** Records of the topics not yet committed by the group; throws IllegalStateException when Kafka does not answer. */
    public long records() {
        try {
            if (partitions == null) {
                partitions = new java.util.ArrayList<>();
                for (TopicDescription d : admin.describeTopics(topics).allTopicNames().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).values()) {
                    d.partitions().forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition())));
                }
            }
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
            for (TopicPartition tp : partitions) {
                specs.put(tp, OffsetSpec.latest());
            }
            ListOffsetsOptions readCommitted = new ListOffsetsOptions(IsolationLevel.READ_COMMITTED);
            Map<TopicPartition, ListOffsetsResultInfo> end = admin.listOffsets(specs, readCommitted).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            Map<TopicPartition, Long> start = new HashMap<>();
            Map<TopicPartition, OffsetSpec> uncommitted = new HashMap<>();
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata c = committed.get(tp);
                if (c == null || c.offset() < 0) {
                    uncommitted.put(tp, OffsetSpec.earliest());
                } else {
                    start.put(tp, c.offset());
                }
            }
            if (!uncommitted.isEmpty()) {
                admin.listOffsets(uncommitted, readCommitted).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS)
                        .forEach((tp, info) -> start.put(tp, info.offset()));
            }
            long lag = 0;
            for (TopicPartition tp : partitions) {
                lag += lag(end.get(tp).offset(), start.get(tp));
            }
            return lag;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the lag of consumer group " + groupId, e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("cannot read the lag of consumer group " + groupId + " on " + topics + ": " + cause, cause);
        }
    }

    /** The lag of one partition: end minus position, never negative (a commit can be newer than an end offset just read). */
    static long lag(long endOffset, long position) {
        return Math.max(0, endOffset - position);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
