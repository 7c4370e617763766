package dk.klimaflow.pipeline;

import dk.klimaflow.avro.EmissionFactor;
import dk.klimaflow.avro.ReasonCode;
import dk.klimaflow.config.Topics;
import dk.klimaflow.domain.MasterDataRules;
import dk.klimaflow.domain.Rejection;
import dk.klimaflow.registry.AvroSerde;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Reads energy.emission-factors (raw bytes, key carrier|area|method|edition|validFrom), dead-letters undecodable or
 * impossible factors and factors whose key disagrees with their value (so one slot has exactly one key), and writes every valid factor (or tombstone) to all partitions of the internal factor-broadcast topic,
 * so each task that holds energy can re-price its own cells when a factor arrives or is revised (edges: {@link FactorEdge}).
 */
final class FactorBroadcastProcessor implements Processor<byte[], byte[], String, FactorEdge> {
    static final String NAME = "factor-intake";
    static final String SINK = "factor-broadcast-sink";

    private final AvroSerde<EmissionFactor> serde;
    private ProcessorContext<String, FactorEdge> context;
    private DeadLetters deadLetters;

    FactorBroadcastProcessor(AvroSerde<EmissionFactor> serde) {
        this.serde = serde;
    }

    @Override
    public void init(ProcessorContext<String, FactorEdge> context) {
        this.context = context;
        this.deadLetters = new DeadLetters(context, DeadLetters.FACTORS);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        var meta = context.recordMetadata().orElseThrow();
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (key == null) {
            deadLetters.send(meta.topic(), meta.partition(), meta.offset(), null, record.value(),
                    Rejection.of(ReasonCode.MALFORMED, "emission factor without key: key by carrier|area|method|edition|validFrom"));
            return;
        }
        EmissionFactor factor = null;
        if (record.value() != null) {
            try {
                factor = serde.deserialize(Topics.EMISSION_FACTORS, record.value());
            } catch (SerializationException e) {
                deadLetters.send(meta.topic(), meta.partition(), meta.offset(), record.key(), record.value(), Rejection.of(ReasonCode.MALFORMED, e.getMessage()));
                return;
            }
            Rejection invalid = MasterDataRules.check(factor);
            if (invalid != null) {
                deadLetters.send(meta.topic(), meta.partition(), meta.offset(), record.key(), record.value(), invalid);
                return;
            }
        }
        Rejection keyMismatch = MasterDataRules.checkFactorKey(key, factor);
        if (keyMismatch != null) {
            deadLetters.send(meta.topic(), meta.partition(), meta.offset(), record.key(), record.value(), keyMismatch);
            return;
        }
        context.forward(new Record<String, FactorEdge>(key, new FactorEdge.Broadcast(factor), record.timestamp()), SINK);
    }

    /** Sends each record to every partition of the broadcast topic. */
    static final class AllPartitions<V> implements StreamPartitioner<String, V> {
        @Override
        public Optional<Set<Integer>> partitions(String topic, String key, V value, int numPartitions) {
            return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toSet()));
        }
    }
}
