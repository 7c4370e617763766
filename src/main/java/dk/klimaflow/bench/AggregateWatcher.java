package dk.klimaflow.bench;

import dk.klimaflow.avro.SectorEmissions;
import dk.klimaflow.registry.AvroSerde;
import dk.klimaflow.registry.SchemaRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads one aggregate topic ({@code emissions.sector.hourly} or {@code .daily}) as an operator's consumer would:
 * {@code read_committed}, no consumer group, from the given start offsets (the topic's end just before the pipeline under test
 * started, so earlier runs' aggregates are skipped). Input: the cluster's client settings, the registry, the topic and start
 * offsets. Output: {@link #poll} returns the decoded {@link SectorEmissions} updates, in topic order per partition, and
 * {@link #cellOf} names an update's cell.
 */
public final class AggregateWatcher implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final AvroSerde<SectorEmissions> serde;
    private final String topic;

    public AggregateWatcher(Properties clientSettings, SchemaRegistry registry, String topic, Map<TopicPartition, Long> start) {
        Properties p = new Properties();
        p.putAll(clientSettings);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "klimaflow-bench-watch-" + topic);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20");
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.serde = AvroSerde.forValue(SectorEmissions.class, registry, false);
        this.topic = topic;
        consumer.assign(start.keySet());
        start.forEach(consumer::seek);
    }

    public List<SectorEmissions> poll(Duration timeout) {
        List<SectorEmissions> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(timeout)) {
            if (r.value() != null) {
                out.add(serde.deserialize(topic, r.value()));
            }
        }
        return out;
    }

    /** The {@link ExpectedTotals} cell an update is the aggregate of. */
    static ExpectedTotals.Cell cellOf(SectorEmissions s) {
        return new ExpectedTotals.Cell(s.getMunicipalityCode(), s.getGpcSector(), s.getCarrier().toString(), s.getWindowStart().toEpochMilli());
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
