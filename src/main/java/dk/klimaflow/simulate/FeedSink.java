package dk.klimaflow.simulate;

import org.apache.avro.specific.SpecificRecord;

/**
 * Where the simulated utilities publish: a topic, a string key (metering point id, meter id or factor key) and an Avro value,
 * or raw bytes for records that are deliberately not Avro. {@link KafkaFeedSink} writes to Kafka; {@link RecordingFeedSink}
 * keeps everything in memory for tests.
 */
public interface FeedSink extends AutoCloseable {

    void send(String topic, String key, SpecificRecord value);

    /** Sends bytes as they are (no serialisation), for malformed records. */
    void sendRaw(String topic, byte[] key, byte[] value);

    /** Blocks until everything sent so far is written; fails if any send failed. */
    void flush();

    @Override
    default void close() {
    }
}
