package dk.klimaflow.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LocalCalendarTest {
    private static long t(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void shouldMakeTheSpringForwardDay23HoursAndTheFallBackDay25() {
        var spring = LocalCalendar.window(Granularity.DAY, t("2026-03-29T12:00:00Z"));
        assertThat(spring.end() - spring.start()).isEqualTo(23 * LocalCalendar.HOUR_MS);
        var fall = LocalCalendar.window(Granularity.DAY, t("2026-10-25T12:00:00Z"));
        assertThat(fall.end() - fall.start()).isEqualTo(25 * LocalCalendar.HOUR_MS);
        assertThat(LocalCalendar.quartersInDay(spring.start())).isEqualTo(92);
        assertThat(LocalCalendar.quartersInDay(fall.start())).isEqualTo(100);
    }

    @Test
    void shouldStartLocalDaysMonthsAndYearsAtDanishMidnight() {
        assertThat(LocalCalendar.window(Granularity.DAY, t("2026-06-09T22:30:00Z")).start()).isEqualTo(t("2026-06-09T22:00:00Z"));
        assertThat(LocalCalendar.window(Granularity.MONTH, t("2026-03-31T22:30:00Z")).start()).isEqualTo(t("2026-03-31T22:00:00Z"));
        assertThat(LocalCalendar.window(Granularity.YEAR, t("2025-12-31T23:30:00Z"))).isEqualTo(
                new LocalCalendar.Window(t("2025-12-31T23:00:00Z"), t("2026-12-31T23:00:00Z")));
        assertThat(LocalCalendar.window(Granularity.HOUR, t("2026-06-09T10:59:59Z")).start()).isEqualTo(t("2026-06-09T10:00:00Z"));
    }

    @Test
    void shouldPrintWindowsInLocalTimeWithOffset() {
        assertThat(LocalCalendar.isoLocal(t("2026-03-28T23:00:00Z"))).isEqualTo("2026-03-29T00:00+01:00");
        assertThat(LocalCalendar.isoLocal(t("2026-06-30T22:00:00Z"))).isEqualTo("2026-07-01T00:00+02:00");
    }
}
