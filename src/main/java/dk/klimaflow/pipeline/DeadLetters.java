package dk.klimaflow.pipeline;

import dk.klimaflow.avro.RejectedRecord;
import dk.klimaflow.domain.Rejection;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Writes a refused record, byte for byte as received with its source topic, partition and offset, to the dead-letter topic
 * energy.readings.rejected (key = the source key bytes) through the processor's rejected sink.
 */
final class DeadLetters {
    static final String SINK = "rejected-sink";
    static final String FACTOR_SINK = "factor-rejected-sink";

    private final ProcessorContext<Object, Object> context;
    private final String sink;

    DeadLetters(ProcessorContext<Object, Object> context) {
        this(context, SINK);
    }

    DeadLetters(ProcessorContext<Object, Object> context, String sink) {
        this.context = context;
        this.sink = sink;
    }

    void send(String topic, int partition, long offset, byte[] key, byte[] value, Rejection rejection) {
        long now = context.currentSystemTimeMs();
        RejectedRecord r = new RejectedRecord(topic, partition, offset, key == null ? null : ByteBuffer.wrap(key),
                value == null ? null : ByteBuffer.wrap(value), rejection.code(), rejection.reason(), Instant.ofEpochMilli(now));
        context.forward(new Record<>(key, r, now), sink);
    }
}
