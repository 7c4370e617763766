package dk.klimaflow.simulate;

import dk.klimaflow.registry.AvroSerde;
import dk.klimaflow.registry.SchemaRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A {@link FeedSink} writing to Kafka: keys as UTF-8 strings (what StringSerializer writes), values in Confluent wire format
 * through {@link AvroSerde} with the given {@link SchemaRegistry} (subject {@code <topic>-value}; registered on first use when
 * {@code autoRegister}). The producer is idempotent (acks=all) with linger.ms=20 and lz4 compression; its key and value
 * serializers are byte arrays so that {@link #sendRaw} can write deliberately malformed bytes on the same producer. Of the
 * given client settings only producer settings are used (bootstrap.servers, security, ...); a failed send is reported by the
 * next {@link #flush()}.
 */
public final class KafkaFeedSink implements FeedSink {
    private final KafkaProducer<byte[], byte[]> producer;
    private final SchemaRegistry registry;
    private final boolean autoRegister;
    private final String bootstrap;
    @SuppressWarnings("rawtypes")
    private final Map<Class<?>, AvroSerde> serdes = new ConcurrentHashMap<>();
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    public KafkaFeedSink(Properties clientSettings, SchemaRegistry registry, boolean autoRegister) {
        Properties settings = producerSettings(clientSettings);
        this.bootstrap = settings.getProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
        this.producer = new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer());
        this.registry = registry;
        this.autoRegister = autoRegister;
    }

    /** The producer settings used: producer keys of {@code clientSettings} plus the fixed delivery settings. */
    static Properties producerSettings(Properties clientSettings) {
        Properties p = new Properties();
        for (String name : clientSettings.stringPropertyNames()) {
            if (ProducerConfig.configNames().contains(name)) {
                p.setProperty(name, clientSettings.getProperty(name));
            }
        }
        if (!p.containsKey(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new IllegalArgumentException("simulated feed needs bootstrap.servers in the client settings (e.g. 127.0.0.1:9092)");
        }
        p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "klimaflow-simulator");
        p.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        p.setProperty(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.setProperty(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return p;
    }

    @Override
    public void send(String topic, String key, SpecificRecord value) {
        sendRaw(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), encode(topic, value));
    }

    /** The value bytes in Confluent wire format for {@code topic}. */
    @SuppressWarnings("unchecked")
    byte[] encode(String topic, SpecificRecord value) {
        return serdes.computeIfAbsent(value.getClass(), c -> AvroSerde.forValue((Class<SpecificRecord>) c, registry, autoRegister))
                .serialize(topic, value);
    }

    @Override
    public void sendRaw(String topic, byte[] key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key, value), (metadata, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            }
        });
    }

    @Override
    public void flush() {
        producer.flush();
        Exception e = failure.getAndSet(null);
        if (e != null) {
            throw new IllegalStateException("simulated feed could not write to Kafka at bootstrap.servers=" + bootstrap + ": " + e.getMessage()
                    + " (check that the broker runs and the topics exist)", e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
