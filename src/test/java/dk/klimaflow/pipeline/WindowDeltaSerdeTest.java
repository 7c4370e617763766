package dk.klimaflow.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class WindowDeltaSerdeTest {
    @Test
    void shouldRoundTripEveryFieldIncludingNegativeAndExtremeValues() {
        long[] f = {5000, -7_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE, 0, -1, 1, 12, -12, 3, 4, 5, 1, 1_780_000_000_000L, 9000, -4, Long.MAX_VALUE};
        WindowDelta back = WindowDeltaSerde.read(WindowDeltaSerde.write(WindowDelta.ofFields(f)));
        assertThat(back.fields()).containsExactly(f);
    }

    @Test
    void shouldReadARecordWithFewerFieldsAsZeros() {
        byte[] twoFields = {WindowDeltaSerde.FORMAT_V1, 2, 20, 3}; // zig-zag 10 and -2
        assertThat(WindowDeltaSerde.read(twoFields).fields()).containsExactly(10, -2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void shouldReadARecordOfTheReleaseBeforeProductionExchangeAndChildEnergyAsNoneOfIt() {
        // 14 fields, as the release before issue 9 wrote them: energy 1000 Wh, CO2e 100,000 µg, ..., sentAt 7
        byte[] before = {WindowDeltaSerde.FORMAT_V1, 14, (byte) 0xD0, 0x0F, (byte) 0xC0, (byte) 0x9A, 0x0C, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 14};
        WindowDelta d = WindowDeltaSerde.read(before);
        assertThat(d.fields()).containsExactly(1000, 100_000, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0);
        assertThat(WindowDeltaSerde.write(d)[1]).isEqualTo((byte) 17);
    }

    @Test
    void shouldCountKeptApartEnergyAsAChange() {
        WindowDelta pv = WindowDelta.keptApart(dk.klimaflow.avro.MeteringPointType.E18, 2500, false, 0);
        assertThat(pv.isZero()).isFalse();
        assertThat(pv.productionWh).isEqualTo(2500);
        assertThat(pv.energyWh).isZero();
        assertThat(WindowDelta.keptApart(dk.klimaflow.avro.MeteringPointType.E20, 7, false, 0).exchangeWh).isEqualTo(7);
        assertThat(WindowDelta.keptApart(dk.klimaflow.avro.MeteringPointType.D, 3, true, 0).childWh).isEqualTo(3);
        pv.addAll(WindowDelta.keptApart(dk.klimaflow.avro.MeteringPointType.E18, -2500, false, 0));
        assertThat(pv.isZero()).isTrue();
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
        WindowDelta a = WindowDelta.ofFields(new long[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 100, 20, 30, 40});
        a.addAll(WindowDelta.ofFields(new long[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 50, 1, 1, 1}));
        assertThat(a.fields()).containsExactly(2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 2, 100, 21, 31, 41);
        WindowDelta big = WindowDelta.ofFields(new long[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Long.MAX_VALUE, 0, 0});
        assertThatThrownBy(() -> big.addAll(a)).isInstanceOf(ArithmeticException.class);
    }
}
