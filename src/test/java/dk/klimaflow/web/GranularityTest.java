package dk.klimaflow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GranularityTest {

    @Test
    void shouldMakeTheSpringDstDay23HoursAndTheAutumnDay25() {
        Instant spring = Granularity.DAY.windowStart(Instant.parse("2026-03-29T12:00:00Z"));
        assertThat(spring).isEqualTo(Instant.parse("2026-03-28T23:00:00Z"));
        assertThat(Duration.between(spring, Granularity.DAY.next(spring))).isEqualTo(Duration.ofHours(23));
        Instant autumn = Granularity.DAY.windowStart(Instant.parse("2026-10-25T12:00:00Z"));
        assertThat(Duration.between(autumn, Granularity.DAY.next(autumn))).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void shouldStartMonthsAndYearsAtLocalMidnight() {
        assertThat(Granularity.MONTH.windowStart(Instant.parse("2026-07-15T08:00:00Z"))).isEqualTo(Instant.parse("2026-06-30T22:00:00Z"));
        assertThat(Granularity.YEAR.windowStart(Instant.parse("2026-07-15T08:00:00Z"))).isEqualTo(Instant.parse("2025-12-31T23:00:00Z"));
        // 23:30 UTC on New Year's Eve is already the next year in Copenhagen
        assertThat(Granularity.YEAR.windowStart(Instant.parse("2026-12-31T23:30:00Z"))).isEqualTo(Instant.parse("2026-12-31T23:00:00Z"));
        assertThat(Granularity.MONTH.next(Instant.parse("2026-02-28T23:00:00Z"))).isEqualTo(Instant.parse("2026-03-31T22:00:00Z"));
    }

    @Test
    void shouldMapTopicsBothWays() {
        for (Granularity g : Granularity.values()) {
            assertThat(Granularity.ofTopic(g.topic())).isEqualTo(g);
        }
        assertThat(Granularity.HOUR.topic()).isEqualTo("emissions.sector.hourly");
        assertThatThrownBy(() -> Granularity.parse("fortnight")).isInstanceOf(ApiException.class);
    }
}
