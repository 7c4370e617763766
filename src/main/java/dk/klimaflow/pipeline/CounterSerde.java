package dk.klimaflow.pipeline;

import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The value format of the count stores {@code ingest-counters} (key: counter name) and {@code year-energy} (key: window,
 * value: Wh): a count. Format 1: a format byte
 * ({@link #FORMAT_V1}) then the count as a long; the legacy layout (before formats were versioned) is the long alone, told
 * apart by its length. Anything else is refused with a message ({@link StateFormats}).
 */
final class CounterSerde implements Serde<Long> {
    static final byte FORMAT_V1 = 1;
    private static final int LEGACY_LENGTH = 8;
    private final String store;

    /** The format of {@code ingest-counters}. */
    CounterSerde() {
        this(StoreNames.COUNTERS);
    }

    /** The format of the count store {@code store}, named in the message when a value is refused. */
    CounterSerde(String store) {
        this.store = store;
    }

    @Override
    public Serializer<Long> serializer() {
        return (topic, n) -> n == null ? null : ByteBuffer.allocate(1 + LEGACY_LENGTH).put(FORMAT_V1).putLong(n).array();
    }

    @Override
    public Deserializer<Long> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            boolean v1 = bytes.length == 1 + LEGACY_LENGTH && bytes[0] == FORMAT_V1;
            StateFormats.expect(store, bytes, v1 || bytes.length == LEGACY_LENGTH, FORMAT_V1);
            return ByteBuffer.wrap(bytes, v1 ? 1 : 0, LEGACY_LENGTH).getLong();
        };
    }
}
