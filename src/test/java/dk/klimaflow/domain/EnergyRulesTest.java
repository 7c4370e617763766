package dk.klimaflow.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.klimaflow.avro.EnergyUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Unit conversion, quarter-hour split, register spreading and the CO2e formula. */
class EnergyRulesTest {
    @Test
    void shouldConvertRegistersToWhExactly() {
        assertThat(EnergyUnits.registerToWh(1234.567, EnergyUnit.KWH)).isEqualTo(1_234_567);
        assertThat(EnergyUnits.registerToWh(1.5, EnergyUnit.MWH)).isEqualTo(1_500_000);
        assertThat(EnergyUnits.registerToWh(1.0, EnergyUnit.GJ)).isEqualTo(277_778);
        assertThat(EnergyUnits.registerToWh(0.1, EnergyUnit.KWH)).isEqualTo(100); // no binary floating-point drift
        assertThatThrownBy(() -> EnergyUnits.registerToWh(Double.NaN, EnergyUnit.KWH)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldSplitAnIntervalIntoQuartersThatAddUpExactly() {
        long sum = 0;
        for (int q = 0; q < 4; q++) {
            sum += QuarterHours.share(1003, q, 4);
        }
        assertThat(sum).isEqualTo(1003);
        assertThat(QuarterHours.share(1003, 0, 4)).isEqualTo(250);
        assertThat(QuarterHours.share(1003, 3, 4)).isEqualTo(251);
    }

    @Test
    void shouldCarryRemaindersSoHoursAddUpToTheRegisterDelta() {
        long h = LocalCalendar.HOUR_MS;
        var hours = RegisterSpreader.hourly(List.of(new RegisterSpreader.Reading(h / 3, 0), new RegisterSpreader.Reading(3 * h + h / 7, 1001)), 0, 4 * h);
        assertThat(hours.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1001);
        assertThat(hours).hasSize(4).allSatisfy((k, v) -> assertThat(v).isNotNegative());
    }

    @Test
    void shouldNeverTakeARegisterDropAsEnergy() {
        assertThat(RegisterSpreader.segmentEnergy(new RegisterSpreader.Reading(0, 5000), new RegisterSpreader.Reading(1, 3))).isZero();
        assertThat(RegisterSpreader.segmentEnergy(new RegisterSpreader.Reading(0, 5000), new RegisterSpreader.Reading(1, 5003))).isEqualTo(3);
    }

    @Test
    void shouldComputeCo2eInMicrogramsAndRoundOnceToGrams() {
        long mg = Co2e.milligramsPerKWh(79.1234567);
        assertThat(mg).isEqualTo(79_123);
        assertThat(Co2e.micrograms(1000, mg)).isEqualTo(79_123_000); // 1 kWh x 79.123 g/kWh
        assertThat(Co2e.gramsFromMicrograms(1_499_999)).isEqualTo(1);
        assertThat(Co2e.gramsFromMicrograms(1_500_000)).isEqualTo(2);
    }

    @Test
    void shouldConvertWholeRegistersExactlyAsTheDecimalRuleSays() {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 10_000; i++) {
            double whole = (double) (random.nextLong() % 1_000_000_000_001L); // up to the fast path's limit, both signs
            for (EnergyUnit unit : new EnergyUnit[] {EnergyUnit.KWH, EnergyUnit.MWH}) {
                long expected = new java.math.BigDecimal(Double.toString(whole))
                        .multiply(java.math.BigDecimal.valueOf(unit == EnergyUnit.KWH ? 1_000 : 1_000_000)).longValueExact();
                assertThat(EnergyUnits.registerToWh(whole, unit)).as("%s %s", whole, unit).isEqualTo(expected);
            }
        }
        assertThat(EnergyUnits.registerToWh(1e12 + 1, EnergyUnit.KWH)).isEqualTo(1_000_000_000_001_000L); // past the limit: decimals
        assertThat(EnergyUnits.registerToWh(-0.0, EnergyUnit.KWH)).isZero();
    }
}
