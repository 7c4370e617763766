package dk.klimaflow.pipeline;

import dk.klimaflow.avro.RejectedRecord;
import dk.klimaflow.domain.Rejection;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Writes a refused record, byte for byte as received with its source topic, partition and offset, to the dead-letter topic
 * energy.readings.rejected (key = the source key bytes): forwards it as a {@link DeadLetter} to the processor's
 * {@link DeadLetter.Unwrap} node ({@link #INTAKE} or {@link #FACTORS}), which feeds the rejected sink.
 */
final class DeadLetters {
    static final String SINK = "rejected-sink";
    static final String FACTOR_SINK = "factor-rejected-sink";
    /** The {@link DeadLetter.Unwrap} nodes in front of {@link #SINK} and {@link #FACTOR_SINK}. */
    static final String INTAKE = "rejected";
    static final String FACTORS = "factor-rejected";

    private final ProcessorContext<String, ? super DeadLetter> context;
    private final String node;

    /** {@code node}: {@link #INTAKE} or {@link #FACTORS}, a child of the processor that owns {@code context}. */
    DeadLetters(ProcessorContext<String, ? super DeadLetter> context, String node) {
        this.context = context;
        this.node = node;
    }

    void send(String topic, int partition, long offset, byte[] key, byte[] value, Rejection rejection) {
        long now = context.currentSystemTimeMs();
        RejectedRecord r = new RejectedRecord(topic, partition, offset, key == null ? null : ByteBuffer.wrap(key),
                value == null ? null : ByteBuffer.wrap(value), rejection.code(), rejection.reason(), Instant.ofEpochMilli(now));
        context.forward(new Record<String, DeadLetter>(null, new DeadLetter(key, r), now), node);
    }
}
