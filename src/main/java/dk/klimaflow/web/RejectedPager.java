package dk.klimaflow.web;

import dk.klimaflow.avro.RejectedRecord;
import dk.klimaflow.config.KlimaflowConfig;
import dk.klimaflow.config.Topics;
import dk.klimaflow.registry.AvroSerde;
import dk.klimaflow.registry.SchemaRegistry;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Pages through {@code energy.readings.rejected} for {@code /api/rejected}: a short-lived {@code read_committed} consumer
 * without a group assigns the partitions, seeks to the cursor, reads up to {@code limit} records per partition, and returns
 * the first {@code limit} of them by record time with the cursor of the next page. Values are decoded as
 * {@link RejectedRecord} through the Schema Registry; the original key and value bytes are shown as text when printable.
 */
public final class RejectedPager {
    private static final Duration READ_DEADLINE = Duration.ofSeconds(10);

    /** One rejected record as the API shows it. */
    public record Item(int partition, long offset, String sourceTopic, Integer sourcePartition, Long sourceOffset,
                       String reasonCode, String reason, String rejectedAt, String key, Integer valueBytes, String valuePreview,
                       String decodeError) {
    }

    /** One page: the records, the end offset per partition, and the cursor of the next page (null when at the end). */
    public record Page(String topic, String offset, int limit, List<Item> records, Map<Integer, Long> endOffsets, String next) {
    }

    private final KlimaflowConfig config;
    private final AvroSerde<RejectedRecord> serde;

    public RejectedPager(KlimaflowConfig config, SchemaRegistry registry) {
        this.config = config;
        this.serde = AvroSerde.forValue(RejectedRecord.class, registry, false);
    }

    public Page page(Integer partition, RejectedCursor cursor, int limit) {
        Properties props = config.clientProperties();
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "klimaflow-web-rejected");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(Math.max(limit, 1)));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(Topics.REJECTED, Duration.ofSeconds(5));
            List<TopicPartition> tps = new ArrayList<>();
            for (PartitionInfo info : infos == null ? List.<PartitionInfo>of() : infos) {
                if (partition == null || partition == info.partition()) {
                    tps.add(new TopicPartition(Topics.REJECTED, info.partition()));
                }
            }
            if (partition != null && tps.isEmpty()) {
                throw ApiException.badRequest("parameter 'partition' = " + partition + " does not exist: " + Topics.REJECTED
                        + " has partitions 0.." + (infos == null ? -1 : infos.size() - 1));
            }
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps);
            Map<Integer, Long> start = new TreeMap<>();
            Map<Integer, Long> endByPartition = new TreeMap<>();
            consumer.assign(tps);
            for (TopicPartition tp : tps) {
                long s = cursor.startOf(tp.partition(), begin.get(tp), end.get(tp));
                start.put(tp.partition(), s);
                endByPartition.put(tp.partition(), end.get(tp));
                consumer.seek(tp, s);
            }
            Map<Integer, Boolean> complete = new TreeMap<>();
            List<ConsumerRecord<byte[], byte[]>> read = readUpTo(consumer, tps, end, limit, complete);
            read.sort(Comparator.<ConsumerRecord<byte[], byte[]>>comparingLong(ConsumerRecord::timestamp)
                    .thenComparingInt(ConsumerRecord::partition).thenComparingLong(ConsumerRecord::offset));
            List<Item> items = new ArrayList<>();
            Map<Integer, Long> next = new TreeMap<>(start);
            for (ConsumerRecord<byte[], byte[]> r : read.subList(0, Math.min(limit, read.size()))) {
                items.add(item(r));
                next.put(r.partition(), r.offset() + 1);
            }
            for (ConsumerRecord<byte[], byte[]> r : read.subList(Math.min(limit, read.size()), read.size())) {
                complete.put(r.partition(), false);
            }
            // a partition read to its end with all its records on this page continues at the end (past transaction markers)
            complete.forEach((p, done) -> {
                if (done) {
                    next.put(p, endByPartition.get(p));
                }
            });
            boolean more = next.entrySet().stream().anyMatch(e -> nextRecordBefore(e.getValue(), endByPartition.get(e.getKey())));
            return new Page(Topics.REJECTED, RejectedCursor.format(start), limit, items, endByPartition,
                    more ? RejectedCursor.format(next) : null);
        }
    }

    private static boolean nextRecordBefore(long next, long end) {
        return next < end;
    }

    /** Reads until every partition has {@code limit} records or has reached its end offset, or the deadline passes. */
    private static List<ConsumerRecord<byte[], byte[]>> readUpTo(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> tps,
                                                                Map<TopicPartition, Long> end, int limit, Map<Integer, Boolean> complete) {
        Map<TopicPartition, Integer> counts = new TreeMap<>(Comparator.comparingInt(TopicPartition::partition));
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        long deadline = System.nanoTime() + READ_DEADLINE.toNanos();
        List<TopicPartition> open = new ArrayList<>(tps);
        while (!open.isEmpty() && System.nanoTime() < deadline) {
            open.removeIf(tp -> counts.getOrDefault(tp, 0) >= limit || consumer.position(tp) >= end.get(tp));
            if (open.isEmpty()) {
                break;
            }
            consumer.pause(tps);
            consumer.resume(open);
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                if (counts.getOrDefault(tp, 0) < limit && r.offset() < end.get(tp)) {
                    counts.merge(tp, 1, Integer::sum);
                    out.add(r);
                } else if (r.offset() < end.get(tp)) {
                    complete.put(r.partition(), false);
                }
            }
        }
        for (TopicPartition tp : tps) {
            complete.putIfAbsent(tp.partition(), consumer.position(tp) >= end.get(tp));
        }
        return out;
    }

    private Item item(ConsumerRecord<byte[], byte[]> r) {
        try {
            RejectedRecord rec = serde.deserialize(r.topic(), r.value());
            return new Item(r.partition(), r.offset(), rec.getSourceTopic(), rec.getPartition(), rec.getOffset(),
                    rec.getReasonCode().name(), rec.getReason(), EmissionWindow.time(rec.getRejectedAt()), Bytes.text(rec.getKey()),
                    rec.getValue() == null ? null : rec.getValue().remaining(), Bytes.text(rec.getValue()), null);
        } catch (RuntimeException e) {
            return new Item(r.partition(), r.offset(), null, null, null, null, null,
                    EmissionWindow.time(Instant.ofEpochMilli(r.timestamp())), null, null, null,
                    "cannot decode this dead letter: " + e.getMessage());
        }
    }

    /** Shows bytes as UTF-8 text when they are printable, else as {@code base64:...}; long values are cut to 300 chars. */
    static final class Bytes {
        private Bytes() {
        }

        static String text(ByteBuffer buffer) {
            if (buffer == null) {
                return null;
            }
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            String s = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            boolean printable = s.chars().allMatch(c -> c >= 0x20 && c != 0xFFFD || c == '\n' || c == '\r' || c == '\t');
            String shown = printable ? s : "base64:" + java.util.Base64.getEncoder().encodeToString(bytes);
            return shown.length() > 300 ? shown.substring(0, 300) + "..." : shown;
        }
    }
}
