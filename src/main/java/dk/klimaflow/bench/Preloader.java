package dk.klimaflow.bench;

import dk.klimaflow.avro.DistrictHeatingReading;
import dk.klimaflow.avro.ElectricityTimeSeries;
import dk.klimaflow.avro.EmissionFactor;
import dk.klimaflow.avro.MeteringPoint;
import dk.klimaflow.config.Topics;
import dk.klimaflow.registry.AvroSerde;
import dk.klimaflow.registry.SchemaRegistry;
import dk.klimaflow.simulate.FactorFeed;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes the bench's input records to Kafka as a utility would, but fast: one idempotent producer (acks=all, lz4, 50 ms linger,
 * 512 KiB batches) and one reused Confluent-wire-format {@link AvroSerde} per type, keys as UTF-8 metering point ids (the
 * pipeline's co-partitioning). Input: master data, factors and readings (as a {@link Workload.Sink}) or raw bytes. Output: the
 * records on the input topics and the bytes written; {@link #flush()} fails if any send failed.
 */
public final class Preloader implements Workload.Sink, AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final AvroSerde<ElectricityTimeSeries> electricity;
    private final AvroSerde<DistrictHeatingReading> heat;
    private final AvroSerde<dk.klimaflow.avro.DistrictHeatingSeries> heatSeries;
    private final AvroSerde<MeteringPoint> meteringPoint;
    private final AvroSerde<EmissionFactor> factor;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final AtomicLong bytes = new AtomicLong();

    public Preloader(Properties clientSettings, SchemaRegistry registry, int lingerMs) {
        Properties p = new Properties();
        p.putAll(clientSettings);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "klimaflow-bench-preload");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, String.valueOf(lingerMs));
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(512 * 1024));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(128L << 20));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        this.electricity = AvroSerde.forValue(ElectricityTimeSeries.class, registry, true);
        this.heat = AvroSerde.forValue(DistrictHeatingReading.class, registry, true);
        this.heatSeries = AvroSerde.forValue(dk.klimaflow.avro.DistrictHeatingSeries.class, registry, true);
        this.meteringPoint = AvroSerde.forValue(MeteringPoint.class, registry, true);
        this.factor = AvroSerde.forValue(EmissionFactor.class, registry, true);
    }

    @Override
    public void electricity(ElectricityTimeSeries series) {
        send(Topics.ELECTRICITY, series.getMeteringPointId(), electricity.serialize(Topics.ELECTRICITY, series));
    }

    @Override
    public void heatSeries(dk.klimaflow.avro.DistrictHeatingSeries series) {
        send(Topics.DISTRICT_HEATING_SERIES, series.getMeterId(), heatSeries.serialize(Topics.DISTRICT_HEATING_SERIES, series));
    }

    @Override
    public void heat(DistrictHeatingReading reading) {
        send(Topics.DISTRICT_HEATING, reading.getMeterId(), heat.serialize(Topics.DISTRICT_HEATING, reading));
    }

    public void meteringPoint(MeteringPoint mp) {
        send(Topics.METERING_POINTS, mp.getId(), meteringPoint.serialize(Topics.METERING_POINTS, mp));
    }

    public void factor(EmissionFactor f) {
        send(Topics.EMISSION_FACTORS, FactorFeed.key(f), factor.serialize(Topics.EMISSION_FACTORS, f));
    }

    public void send(String topic, String key, byte[] value) {
        send(topic, key.getBytes(StandardCharsets.UTF_8), value);
    }

    public void send(String topic, byte[] key, byte[] value) {
        bytes.addAndGet((key == null ? 0 : key.length) + value.length);
        producer.send(new ProducerRecord<>(topic, key, value), (m, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            }
        });
    }

    /** Bytes of keys and values sent so far (before compression). */
    public long bytes() {
        return bytes.get();
    }

    public void flush() {
        producer.flush();
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException("bench could not write to Kafka: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
