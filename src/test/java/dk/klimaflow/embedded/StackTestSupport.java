package dk.klimaflow.embedded;

import dk.klimaflow.avro.ElectricityTimeSeries;
import dk.klimaflow.avro.Point;
import dk.klimaflow.avro.Quality;
import dk.klimaflow.avro.Resolution;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Records and a raw read_committed reader for integration tests on the embedded stack. */
public final class StackTestSupport {
    private StackTestSupport() {
    }

    public static ElectricityTimeSeries series(String meteringPointId, long sentAtMillis) {
        return ElectricityTimeSeries.newBuilder()
                .setMeteringPointId(meteringPointId)
                .setUtilityId("5790000000000")
                .setPeriodStart(Instant.parse("2026-01-01T00:00:00Z"))
                .setResolution(Resolution.PT1H)
                .setPoints(List.of(new Point(1200L, Quality.MEASURED), new Point(null, Quality.MISSING)))
                .setSentAt(Instant.ofEpochMilli(sentAtMillis))
                .build();
    }

    /** Reads {@code topic} from the beginning, read_committed, until {@code count} records came or 30 s passed. */
    public static List<ConsumerRecord<byte[], byte[]>> readRaw(String bootstrap, String topic, int count) {
        return readRaw(bootstrap, topic, records -> records.size() >= count);
    }

    /** Reads {@code topic} from the beginning, read_committed, until {@code enough} holds or 30 s passed. */
    public static List<ConsumerRecord<byte[], byte[]>> readRaw(String bootstrap, String topic,
            Predicate<List<ConsumerRecord<byte[], byte[]>>> enough) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("group.id", "it-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        props.put("isolation.level", "read_committed");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!enough.test(out) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
