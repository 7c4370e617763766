package dk.klimaflow.web;

import dk.klimaflow.avro.SectorEmissions;
import dk.klimaflow.config.KlimaflowConfig;
import dk.klimaflow.config.Topics;
import dk.klimaflow.registry.AvroSerde;
import dk.klimaflow.registry.SchemaRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the four aggregate topics ({@code emissions.sector.hourly|daily|monthly|yearly}, values {@link SectorEmissions})
 * from their end with a {@code read_committed} consumer without a group (every instance sees every update, so each can serve
 * its own browsers) and hands each committed update with its {@link Granularity} to a sink. Waits for the topics if the
 * pipeline has not created them yet.
 */
public final class LiveFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);

    private final KlimaflowConfig config;
    private final AvroSerde<SectorEmissions> serde;
    private final BiConsumer<Granularity, SectorEmissions> sink;
    private final AtomicLong lastUpdate = new AtomicLong();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread thread;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean following;

    public LiveFeed(KlimaflowConfig config, SchemaRegistry registry, BiConsumer<Granularity, SectorEmissions> sink) {
        this.config = config;
        this.serde = AvroSerde.forValue(SectorEmissions.class, registry, false);
        this.sink = sink;
        this.thread = new Thread(this::run, "klimaflow-web-live");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Epoch millis of the last update received, 0 before the first. */
    public long lastUpdateMillis() {
        return lastUpdate.get();
    }

    /** True once the consumer is assigned to all aggregate topics and positioned at their end. */
    public boolean following() {
        return following;
    }

    private void run() {
        Properties props = config.clientProperties();
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "klimaflow-web-live");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer = c;
            while (closing.getCount() > 0 && !assign(c)) {
                if (closing.await(2, TimeUnit.SECONDS)) {
                    return;
                }
            }
            following = true;
            while (closing.getCount() > 0) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    deliver(r);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("live updates stopped: cannot follow the aggregate topics at {} ({}); the dashboard will not update until restart",
                    config.get("bootstrap.servers"), e.toString());
        }
    }

    private boolean assign(KafkaConsumer<byte[], byte[]> c) {
        List<TopicPartition> tps = new ArrayList<>();
        for (String topic : Topics.AGGREGATES) {
            List<PartitionInfo> infos;
            try {
                infos = c.partitionsFor(topic, Duration.ofSeconds(5));
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                infos = null;
            }
            if (infos == null || infos.isEmpty()) {
                LOG.info("waiting for aggregate topic {} (the pipeline creates it)", topic);
                return false;
            }
            infos.forEach(i -> tps.add(new TopicPartition(i.topic(), i.partition())));
        }
        c.assign(tps);
        c.seekToEnd(tps);
        tps.forEach(c::position);
        return true;
    }

    private void deliver(ConsumerRecord<byte[], byte[]> r) {
        if (r.value() == null) {
            return;
        }
        try {
            SectorEmissions value = serde.deserialize(r.topic(), r.value());
            lastUpdate.set(System.currentTimeMillis());
            sink.accept(Granularity.ofTopic(r.topic()), value);
        } catch (RuntimeException e) {
            LOG.warn("skipping an update on {} partition {} offset {}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
        }
    }

    @Override
    public void close() {
        closing.countDown();
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
