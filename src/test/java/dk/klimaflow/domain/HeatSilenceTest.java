package dk.klimaflow.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which hours of a silent heat meter are missing. */
class HeatSilenceTest {
    static final long H = LocalCalendar.HOUR_MS;

    @Test
    void shouldMarkTheHoursAfterTheNewestReadingThatEndedLongEnoughAgo() {
        long covered = HeatSilence.ceilHour(10 * H + 20 * 60_000L); // newest reading 10:20: covered up to 11:00
        assertThat(covered).isEqualTo(11 * H);
        assertThat(HeatSilence.missingHours(covered, 0, 0, 13 * H + 59 * 60_000L, 2 * H)).isNull(); // 11-12 ended 1h59 ago
        assertThat(HeatSilence.missingHours(covered, 0, 0, 14 * H, 2 * H)).containsExactly(11 * H, 12 * H);
        assertThat(HeatSilence.missingHours(covered, 0, 0, 17 * H + 1, 2 * H)).containsExactly(11 * H, 15 * H);
    }

    @Test
    void shouldMarkEachHourOnceAndNeverBeforeTheHorizonOrWhenTurnedOff() {
        assertThat(HeatSilence.missingHours(11 * H, 15 * H, 0, 17 * H + 1, 2 * H)).isNull();
        assertThat(HeatSilence.missingHours(11 * H, 15 * H, 0, 18 * H, 2 * H)).containsExactly(15 * H, 16 * H);
        assertThat(HeatSilence.missingHours(11 * H, 0, 13 * H + 1, 18 * H, 2 * H)).containsExactly(14 * H, 16 * H);
        assertThat(HeatSilence.missingHours(11 * H, 0, 0, 18 * H, 0)).isNull();
    }
}
