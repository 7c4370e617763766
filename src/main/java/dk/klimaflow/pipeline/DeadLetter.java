package dk.klimaflow.pipeline;

import dk.klimaflow.avro.RejectedRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * A refused record on its way to energy.readings.rejected: the source key bytes (the dead letter's Kafka key) and the
 * {@link RejectedRecord}. Written by {@link DeadLetters}; {@link Unwrap} turns it into the sink's record.
 */
record DeadLetter(byte[] key, RejectedRecord rejected) implements IntakeEdge, FactorEdge {

    /** Input: a {@link DeadLetter} (record key unused). Output, to its one child (the rejected sink): key bytes, {@link RejectedRecord}. */
    static final class Unwrap implements Processor<String, DeadLetter, byte[], RejectedRecord> {
        private ProcessorContext<byte[], RejectedRecord> context;

        @Override
        public void init(ProcessorContext<byte[], RejectedRecord> context) {
            this.context = context;
        }

        @Override
        public void process(Record<String, DeadLetter> record) {
            context.forward(record.withKey(record.value().key()).withValue(record.value().rejected()));
        }
    }
}
