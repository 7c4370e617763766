package dk.klimaflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PercentilesTest {
    @Test
    void shouldUseTheNearestRank() {
        double[] samples = new double[100];
        for (int i = 0; i < 100; i++) {
            samples[i] = 100 - i; // 1..100, reversed
        }
        Percentiles p = new Percentiles(samples);
        assertThat(p.percentile(50)).isEqualTo(50);
        assertThat(p.percentile(99)).isEqualTo(99);
        assertThat(p.percentile(100)).isEqualTo(100);
        assertThat(p.max()).isEqualTo(100);
        assertThat(p.count()).isEqualTo(100);
    }

    @Test
    void shouldReturnAMeasuredSampleForSmallCounts() {
        Percentiles p = new Percentiles(new double[] {30, 10, 20});
        assertThat(p.percentile(50)).isEqualTo(20);
        assertThat(p.percentile(99)).isEqualTo(30);
        assertThat(p.percentile(1)).isEqualTo(10);
    }

    @Test
    void shouldGiveNanWithoutSamplesAndRejectBadPercentiles() {
        assertThat(new Percentiles(new double[0]).percentile(50)).isNaN();
        assertThatThrownBy(() -> new Percentiles(new double[] {1}).percentile(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
