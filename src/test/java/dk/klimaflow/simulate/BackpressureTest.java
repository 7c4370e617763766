package dk.klimaflow.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dk.klimaflow.avro.DistrictHeatingReading;
import dk.klimaflow.config.Topics;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class BackpressureTest {
    private final List<String> log = new ArrayList<>();

    /** A lag source answering the given values in turn (the last one forever after), counting the reads. */
    private static final class ScriptedLag implements LongSupplier {
        final Deque<Long> values = new ArrayDeque<>();
        final AtomicInteger reads = new AtomicInteger();

        ScriptedLag(long... lags) {
            for (long l : lags) {
                values.add(l);
            }
        }

        @Override
        public long getAsLong() {
            reads.incrementAndGet();
            return values.size() > 1 ? values.poll() : values.peek();
        }
    }

    private Backpressure backpressure(LongSupplier lag, long max) {
        return new Backpressure(lag, max, Duration.ofMillis(1), log::add);
    }

    @Test
    void shouldProduceABatchOnlyWhileItFitsUnderTheBound() {
        assertThat(Backpressure.mayProduce(0, 1_250, 5_000)).isTrue();
        assertThat(Backpressure.mayProduce(3_750, 1_250, 5_000)).isTrue();
        assertThat(Backpressure.mayProduce(3_751, 1_250, 5_000)).isFalse();
        assertThat(Backpressure.mayProduce(250_000, 1_250, 5_000)).isFalse();
        // a batch larger than the bound still goes once the consumer has caught up
        assertThat(Backpressure.mayProduce(0, 10, 5)).isTrue();
        assertThat(Backpressure.mayProduce(1, 10, 5)).isFalse();
    }

    @Test
    void shouldUseAQuarterOfTheBoundAsBatch() {
        assertThat(Backpressure.batch(5_000)).isEqualTo(1_250);
        assertThat(Backpressure.batch(3)).isEqualTo(1);
        assertThat(Backpressure.batch(1)).isEqualTo(1);
    }

    @Test
    void shouldCountLagFromCommittedOffsetNeverNegative() {
        assertThat(ConsumerLag.lag(1_000, 400)).isEqualTo(600);
        assertThat(ConsumerLag.lag(1_000, 1_000)).isZero();
        assertThat(ConsumerLag.lag(1_000, 1_002)).isZero();
    }

    @Test
    void shouldWaitUntilTheConsumerCatchesUp() {
        ScriptedLag lag = new ScriptedLag(9_000, 6_000, 4_000, 3_000);
        try (Backpressure b = backpressure(lag, 5_000)) {
            b.awaitRoom();
            assertThat(lag.reads.get()).isEqualTo(4);
            assertThat(b.lastLag()).isEqualTo(3_000);
        }
    }

    @Test
    void shouldNotWaitWhenThereIsRoom() {
        ScriptedLag lag = new ScriptedLag(100);
        try (Backpressure b = backpressure(lag, 5_000)) {
            b.awaitRoom();
            assertThat(lag.reads.get()).isEqualTo(1);
        }
    }

    @Test
    void shouldProduceWithoutWaitingAndSaySoOnceWhenTheLagCannotBeRead() {
        LongSupplier broken = () -> {
            throw new IllegalStateException("cannot read the lag of consumer group klimaflow");
        };
        try (Backpressure b = backpressure(broken, 5_000)) {
            b.awaitRoom();
            b.awaitRoom();
            assertThat(b.awaitDrained(Duration.ofSeconds(5))).isEqualTo(-1);
        }
        assertThat(log).hasSize(1);
        assertThat(log.get(0)).contains("cannot read the lag").contains("without waiting");
    }

    @Test
    void shouldReportDrainedOrWhatIsLeftAtTheDeadline() {
        try (Backpressure b = backpressure(new ScriptedLag(500, 20, 0), 5_000)) {
            assertThat(b.awaitDrained(Duration.ofSeconds(10))).isZero();
        }
        try (Backpressure b = backpressure(new ScriptedLag(500), 5_000)) {
            assertThat(b.awaitDrained(Duration.ofMillis(20))).isEqualTo(500);
        }
    }

    @Test
    void shouldEndEveryWaitOnClose() throws Exception {
        Backpressure b = backpressure(new ScriptedLag(1_000_000), 5_000);
        Thread waiter = new Thread(b::awaitRoom);
        waiter.start();
        b.close();
        waiter.join(5_000);
        assertThat(waiter.isAlive()).isFalse();
        assertThat(b.awaitDrained(Duration.ofMinutes(1))).isEqualTo(1_000_000);
    }

    @Test
    void shouldFlushAndCheckBeforeEachBatchOfReadingsOnly() {
        List<String> events = new ArrayList<>();
        FeedSink recorder = new FeedSink() {
            @Override
            public void send(String topic, String key, SpecificRecord value) {
                events.add("send " + topic);
            }

            @Override
            public void sendRaw(String topic, byte[] key, byte[] value) {
                events.add("raw " + topic);
            }

            @Override
            public void flush() {
                events.add("flush");
            }
        };
        LongSupplier lag = () -> {
            events.add("lag");
            return 0;
        };
        try (PacedFeedSink sink = new PacedFeedSink(recorder, new Backpressure(lag, 8, Duration.ofMillis(1), log::add),
                Set.of(Topics.ELECTRICITY, Topics.DISTRICT_HEATING))) {
            DistrictHeatingReading r = new DistrictHeatingReading();
            sink.send(Topics.METERING_POINTS, "m", r); // not paced
            for (int i = 0; i < 3; i++) {
                sink.send(Topics.DISTRICT_HEATING, "h", r);
            }
            sink.sendRaw(Topics.ELECTRICITY, null, new byte[] {1});
        }
        assertThat(events).containsExactly("send " + Topics.METERING_POINTS,
                "flush", "lag", "send " + Topics.DISTRICT_HEATING, "send " + Topics.DISTRICT_HEATING,
                "flush", "lag", "send " + Topics.DISTRICT_HEATING, "raw " + Topics.ELECTRICITY);
    }
}
