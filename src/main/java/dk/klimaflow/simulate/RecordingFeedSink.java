package dk.klimaflow.simulate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * A {@link FeedSink} that keeps every sent record in memory in send order, for tests and for feeding a TopologyTestDriver.
 * A raw record has {@code value == null} and its bytes in {@code rawValue}. Thread-safe.
 */
public final class RecordingFeedSink implements FeedSink {

    /** One sent record: Avro {@code value}, or raw bytes for records sent with {@link #sendRaw}. */
    public record Sent(String topic, String key, SpecificRecord value, byte[] rawKey, byte[] rawValue) {
        public boolean raw() { return value == null; }
    }

    private final List<Sent> sent = new ArrayList<>();
    private int flushes;

    @Override
    public synchronized void send(String topic, String key, SpecificRecord value) {
        sent.add(new Sent(topic, key, value, null, null));
    }

    @Override
    public synchronized void sendRaw(String topic, byte[] key, byte[] value) {
        sent.add(new Sent(topic, key == null ? null : new String(key, StandardCharsets.UTF_8), null, key, value));
    }

    @Override
    public synchronized void flush() {
        flushes++;
    }

    public synchronized List<Sent> sent() { return List.copyOf(sent); }

    /** The Avro values sent to {@code topic} of type {@code type}, in send order. */
    public synchronized <T extends SpecificRecord> List<T> values(String topic, Class<T> type) {
        return sent.stream().filter(s -> s.topic().equals(topic) && type.isInstance(s.value())).map(s -> type.cast(s.value())).toList();
    }

    public synchronized List<Sent> raw(String topic) {
        return sent.stream().filter(s -> s.topic().equals(topic) && s.raw()).toList();
    }

    public synchronized int size() { return sent.size(); }

    public synchronized int flushes() { return flushes; }
}
