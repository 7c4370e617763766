package dk.klimaflow.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class LoadProfileTest {
    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void shouldSumToAboutTheAnnualConsumptionForEverySector() {
        for (String sector : new String[] {"I.1", "I.2", "I.3", "II.1"}) {
            long wh = 0;
            for (Instant t = local(2024, 1, 1, 0); t.isBefore(local(2025, 1, 1, 0)); t = t.plus(HOUR)) {
                wh += LoadProfile.electricityWh(sector, 4_000, t, HOUR);
            }
            assertThat(wh / 1_000.0).as(sector).isCloseTo(4_000, org.assertj.core.data.Percentage.withPercentage(2));
        }
    }

    @Test
    void shouldGiveAHouseAbout15MWhOfHeatMostlyInWinter() {
        long wh = 0;
        for (Instant t = local(2024, 1, 1, 0); t.isBefore(local(2025, 1, 1, 0)); t = t.plus(HOUR)) {
            wh += LoadProfile.heatWh(15_000, t, HOUR);
        }
        assertThat(wh / 1_000.0).isCloseTo(15_000, org.assertj.core.data.Percentage.withPercentage(2));
        assertThat(LoadProfile.heatWh(15_000, local(2024, 1, 20, 12), HOUR)).isGreaterThan(3 * LoadProfile.heatWh(15_000, local(2024, 7, 20, 12), HOUR));
        assertThat(LoadProfile.outdoorTempC(local(2024, 1, 20, 4))).isBetween(-3.0, 3.0);
        assertThat(LoadProfile.outdoorTempC(local(2024, 7, 20, 15))).isBetween(15.0, 21.0);
    }

    @Test
    void shouldPeakHouseholdsInTheEveningAndWinter() {
        assertThat(wh("I.1", 2024, 1, 17, 18)).isGreaterThan(2 * wh("I.1", 2024, 1, 17, 3));
        assertThat(wh("I.1", 2024, 1, 17, 7)).isGreaterThan(wh("I.1", 2024, 1, 17, 4));
        assertThat(wh("I.1", 2024, 1, 17, 18)).isGreaterThan(wh("I.1", 2024, 7, 17, 18));
        // a household hour of about 0.2-1 kWh
        assertThat(wh("I.1", 2024, 1, 17, 18)).isBetween(400L, 1_500L);
    }

    @Test
    void shouldRunCommercialInOfficeHoursOnWeekdays() {
        assertThat(wh("I.2", 2024, 3, 13, 11)).isGreaterThan(3 * wh("I.2", 2024, 3, 13, 2));
        assertThat(wh("I.2", 2024, 3, 13, 11)).isGreaterThan(2 * wh("I.2", 2024, 3, 16, 11));
    }

    @Test
    void shouldKeepManufacturingFlatishAndEvChargingInTheEvening() {
        assertThat((double) wh("I.3", 2024, 3, 13, 12) / wh("I.3", 2024, 3, 13, 2)).isBetween(1.1, 2.0);
        assertThat(wh("II.1", 2024, 3, 13, 21)).isGreaterThan(2 * wh("II.1", 2024, 3, 13, 8));
    }

    @Test
    void shouldGiveQuarterHoursThatAddUpToTheHour() {
        Instant t = local(2024, 1, 17, 18);
        long quarters = 0;
        for (int i = 0; i < 4; i++) {
            quarters += LoadProfile.electricityWh("I.1", 4_000, t.plus(Duration.ofMinutes(15L * i)), Duration.ofMinutes(15));
        }
        assertThat(quarters).isCloseTo(LoadProfile.electricityWh("I.1", 4_000, t, HOUR), org.assertj.core.data.Offset.offset(15L));
    }

    private static long wh(String sector, int y, int m, int d, int h) {
        return LoadProfile.electricityWh(sector, 4_000, local(y, m, d, h), HOUR);
    }

    private static Instant local(int y, int m, int d, int h) {
        return LocalDateTime.of(y, m, d, h, 0).atZone(LoadProfile.ZONE).toInstant();
    }
}
