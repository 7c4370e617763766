package dk.klimaflow.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dk.klimaflow.registry.SchemaRegistryUnavailableException;
import org.apache.kafka.streams.errors.StreamsException;
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
