package dk.klimaflow.pipeline;

import dk.klimaflow.registry.SchemaRegistryUnavailableException;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Defence in depth against poison pills: the input records (topic, partition, offset) whose processing threw. When a record
 * fails anywhere in the intake sub-topology (e.g. a CO2e sum overflowing in factor-cells), intake notes it here and rethrows;
 * the stream thread dies, exactly-once aborts its transaction (no partial counts), the thread is replaced and re-reads the
 * record, and intake now dead-letters it as PROCESSING_ERROR without processing it. So a poison record costs one retry per
 * instance, never a stopped pipeline or a crash loop. Lives in memory for one topology (shared by its threads, replaced ones
 * included), bounded to the most recent {@link #CAPACITY} entries. Registry outages are not poison: they are retried. Nor is
 * what Kafka itself throws inside {@code process} ({@link #KAFKAS_OWN}: a fenced producer's send, a task to re-initialise,
 * a timeout, a store closed by a rebalance): it passes through unchanged, so Kafka Streams handles it as its own.
 */
final class Quarantine {
    static final int CAPACITY = 10_000;

    private final Map<String, String> failed = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > CAPACITY;
        }
    });

    /** Thrown after a record was quarantined, so that enclosing handlers do not quarantine the record that carried it. */
    static final class PoisonRecordException extends RuntimeException {
        PoisonRecordException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static String key(String topic, int partition, long offset) {
        return topic + "|" + partition + "|" + offset;
    }

    /** Why the record failed before, or null if it did not. */
    String reason(String topic, int partition, long offset) {
        return failed.get(key(topic, partition, offset));
    }

    /**
     * Notes {@code failure} of a record and returns the exception to throw: the failure itself when it is a retriable outage
     * (or already a quarantine), else a {@link PoisonRecordException}.
     */
    RuntimeException quarantine(String topic, int partition, long offset, RuntimeException failure) {
        if (failure instanceof PoisonRecordException || retriable(failure) || kafkasOwn(failure)) {
            return failure;
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = "processing this record failed with " + root + " (first seen at " + topic + "-" + partition + "@" + offset
                + "); it was dead-lettered on retry instead of stopping the pipeline";
        failed.put(key(topic, partition, offset), reason);
        return new PoisonRecordException(reason, failure);
    }

    /**
     * Failures of the Kafka clients and of Kafka Streams that are no fault of the record being processed (an oversized record,
     * also a Kafka exception, is left out: that one is the record's).
     */
    static final List<Class<? extends Throwable>> KAFKAS_OWN = List.of(
            org.apache.kafka.streams.errors.TaskMigratedException.class,
            org.apache.kafka.streams.errors.TaskCorruptedException.class,
            org.apache.kafka.streams.errors.InvalidStateStoreException.class,
            org.apache.kafka.common.errors.ProducerFencedException.class,
            org.apache.kafka.common.errors.InvalidProducerEpochException.class,
            org.apache.kafka.common.errors.OutOfOrderSequenceException.class,
            org.apache.kafka.common.errors.RetriableException.class,
            org.apache.kafka.common.errors.AuthorizationException.class,
            org.apache.kafka.common.errors.AuthenticationException.class);

    static boolean kafkasOwn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Class<? extends Throwable> own : KAFKAS_OWN) {
                if (own.isInstance(t)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean retriable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SchemaRegistryUnavailableException) {
                return true;
            }
        }
        return false;
    }
}
