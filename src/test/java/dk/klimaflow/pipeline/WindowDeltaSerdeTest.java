package dk.klimaflow.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class WindowDeltaSerdeTest {
    @Test
    void shouldRoundTripEveryFieldIncludingNegativeAndExtremeValues() {
        long[] f = {5000, -7_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE, 0, -1, 1, 12, -12, 3, 4, 5, 1, 1_780_000_000_000L};
        WindowDelta back = WindowDeltaSerde.read(WindowDeltaSerde.write(WindowDelta.ofFields(f)));
        assertThat(back.fields()).containsExactly(f);
    }

    @Test
    void shouldReadARecordWithFewerFieldsAsZeros() {
        byte[] twoFields = {WindowDeltaSerde.FORMAT_V1, 2, 20, 3}; // zig-zag 10 and -2
        assertThat(WindowDeltaSerde.read(twoFields).fields()).containsExactly(10, -2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void shouldRefuseAnUnknownFormatInsteadOfGuessing() {
        assertThatThrownBy(() -> WindowDeltaSerde.read(new byte[] {8, 0x30, 0x31}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("unknown format 8");
        assertThatThrownBy(() -> WindowDeltaSerde.read(new byte[] {WindowDeltaSerde.FORMAT_V1, 3, (byte) 0x80}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("truncated");
    }

    @Test
    void shouldSumExactlyAndRefuseOverflow() {
        WindowDelta a = WindowDelta.ofFields(new long[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 100});
        a.addAll(WindowDelta.ofFields(new long[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 50}));
        assertThat(a.fields()).containsExactly(2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 2, 100);
        WindowDelta big = WindowDelta.ofFields(new long[] {Long.MAX_VALUE, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        assertThatThrownBy(() -> big.addAll(a)).isInstanceOf(ArithmeticException.class);
    }
}
