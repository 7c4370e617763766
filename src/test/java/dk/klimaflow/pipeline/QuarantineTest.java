package dk.klimaflow.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dk.klimaflow.registry.SchemaRegistryUnavailableException;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.TaskCorruptedException;
import org.apache.kafka.streams.errors.TaskMigratedException;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

/** The poison-record quarantine and the stream-thread failure policy of {@link PipelineApp}. */
class QuarantineTest {
    final Quarantine quarantine = new Quarantine();

    @Test
    void shouldRememberAFailedRecordWithItsRootCauseAndWrapTheFailure() {
        RuntimeException thrown = quarantine.quarantine("t", 2, 7, new StreamsException(new ArithmeticException("long overflow")));

        assertThat(thrown).isInstanceOf(Quarantine.PoisonRecordException.class);
        assertThat(quarantine.reason("t", 2, 7)).contains("ArithmeticException: long overflow").contains("t-2@7");
        assertThat(quarantine.reason("t", 2, 8)).isNull();
    }

    @Test
    void shouldNeverQuarantineARegistryOutageNorARecordTwice() {
        RuntimeException outage = new StreamsException(new SchemaRegistryUnavailableException("down", null));
        assertThat(quarantine.quarantine("t", 0, 1, outage)).isSameAs(outage);
        assertThat(quarantine.reason("t", 0, 1)).isNull();

        RuntimeException poison = quarantine.quarantine("t", 0, 2, new IllegalStateException("x"));
        assertThat(quarantine.quarantine("metering-points", 0, 9, poison)).isSameAs(poison);
        assertThat(quarantine.reason("metering-points", 0, 9)).isNull();
    }

    /**
     * What Kafka itself throws inside {@code process} (a send to a changelog or sink after the producer was fenced, a task
     * that must be re-initialised, a timeout Kafka Streams retries, a store closed under a rebalance) says nothing about the
     * record: wrapping it would hide it from Kafka Streams' own handling, and dead-letter a valid reading on the retry.
     */
    @Test
    void shouldPassKafkasOwnFailuresThroughUnchangedAndQuarantineNothing() {
        List<RuntimeException> kafkas = List.of(
                new TaskMigratedException("fenced", new ProducerFencedException("epoch")),
                new StreamsException("Error encountered sending record", new InvalidProducerEpochException("epoch")),
                new TaskCorruptedException(Set.of(new TaskId(0, 1))),
                new TimeoutException("metadata"),
                new StreamsException(new NotLeaderOrFollowerException("moved")),
                new InvalidStateStoreException("closed"));
        long offset = 100;
        for (RuntimeException failure : kafkas) {
            assertThat(quarantine.quarantine("t", 0, offset, failure)).as(failure.toString()).isSameAs(failure);
            assertThat(quarantine.reason("t", 0, offset++)).as(failure.toString()).isNull();
        }
    }

    @Test
    void shouldForgetTheOldestBeyondItsCapacity() {
        for (int i = 0; i <= Quarantine.CAPACITY; i++) {
            quarantine.quarantine("t", 0, i, new IllegalStateException("x"));
        }
        assertThat(quarantine.reason("t", 0, 0)).isNull();
        assertThat(quarantine.reason("t", 0, Quarantine.CAPACITY)).isNotNull();
    }

    @Test
    void shouldReplaceTheThreadForOutagesAndPoisonAndStopOnlyForJvmErrors() {
        assertThat(PipelineApp.onThreadFailure(new StreamsException(new SchemaRegistryUnavailableException("down", null))))
                .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(PipelineApp.onThreadFailure(new StreamsException(new Quarantine.PoisonRecordException("p", null))))
                .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(PipelineApp.onThreadFailure(new StreamsException(new OutOfMemoryError())))
                .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }
}
