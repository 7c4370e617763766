package dk.klimaflow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class Dk2020Test {

    @Test
    void shouldRunStraightFromTheBaselineToSeventyPercentLessIn2030AndZeroIn2050() {
        assertThat(Dk2020.pathFor(100_000, 1990)).isEqualTo(100_000);
        assertThat(Dk2020.pathFor(100_000, 2010)).isCloseTo(65_000, within(1e-6));
        assertThat(Dk2020.pathFor(100_000, 2030)).isCloseTo(30_000, within(1e-6));
        assertThat(Dk2020.pathFor(100_000, 2040)).isCloseTo(15_000, within(1e-6));
        assertThat(Dk2020.pathFor(100_000, 2050)).isZero();
        assertThat(Dk2020.pathFor(100_000, 2060)).isZero();
    }

    @Test
    void shouldCompareYearToDateWithThePathDueSoFarAndProjectTheYear() {
        Dk2020 dk = Dk2020.of(100_000, 2026, 500, 0.25);
        assertThat(dk.configured()).isTrue();
        assertThat(dk.pathTonnes()).isCloseTo(37_000, within(1e-6));
        assertThat(dk.pathToDateTonnes()).isCloseTo(9_250, within(1e-6));
        assertThat(dk.projectedTonnes()).isCloseTo(2_000, within(1e-6));
        assertThat(dk.target2030Tonnes()).isCloseTo(30_000, within(1e-6));
        assertThat(dk.note()).contains("only the sectors this pipeline receives");
    }

    @Test
    void shouldSayHowToConfigureAMissingBaseline() {
        Dk2020 dk = Dk2020.of(0, 2026, 500, 0.005);
        assertThat(dk.configured()).isFalse();
        assertThat(dk.projectedTonnes()).isNull();
        assertThat(dk.note()).contains("klimaflow.dk2020.baseline.1990.tonnes");
    }
}
