package dk.klimaflow.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.Edition;
import dk.klimaflow.avro.EmissionFactor;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FactorFeedTest {
    private final FactorFeed feed = new FactorFeed(187);

    @Test
    void shouldGiveHourlyDk2FactorsBetween40And250WithVariation() {
        // 2025: a year the real sample (to 2024-01-11) does not cover, so every hour is simulated
        List<Double> year = new ArrayList<>();
        for (Instant t = Instant.parse("2025-01-01T00:00:00Z"); t.isBefore(Instant.parse("2026-01-01T00:00:00Z")); t = t.plusSeconds(3_600)) {
            year.add(feed.electricityGrams(t, Edition.ACTUAL));
        }
        assertThat(year).allSatisfy(g -> assertThat(g).isBetween(40.0, 250.0));
        double mean = year.stream().mapToDouble(d -> d).average().orElseThrow();
        double sd = Math.sqrt(year.stream().mapToDouble(d -> (d - mean) * (d - mean)).average().orElseThrow());
        assertThat(mean).isBetween(80.0, 170.0);
        assertThat(sd).isGreaterThan(20);
        double january = year.subList(0, 31 * 24).stream().mapToDouble(d -> d).average().orElseThrow();
        double july = year.subList(182 * 24, 213 * 24).stream().mapToDouble(d -> d).average().orElseThrow();
        assertThat(january).isGreaterThan(july * 1.3);
    }

    @Test
    void shouldPublishAnActualThatDiffersSlightlyFromTheForecastForTheSameHour() {
        Instant hour = Instant.parse("2024-03-05T17:00:00Z");
        EmissionFactor forecast = feed.electricity(hour.plusSeconds(1_234), Edition.FORECAST);
        EmissionFactor actual = feed.electricity(hour, Edition.ACTUAL);
        assertThat(forecast.getValidFrom()).isEqualTo(hour);
        assertThat(forecast.getValidTo()).isEqualTo(hour.plusSeconds(3_600));
        assertThat(forecast.getCarrier()).isEqualTo(Carrier.ELECTRICITY);
        assertThat(forecast.getArea()).isEqualTo("DK2");
        assertThat(forecast.getMethod()).isEqualTo("125%");
        assertThat(forecast.getSource()).isEqualTo("simulated, shaped like Energi Data Service");
        assertThat(actual.getGramsCo2ePerKWh()).isNotEqualTo(forecast.getGramsCo2ePerKWh())
                .isCloseTo(forecast.getGramsCo2ePerKWh(), org.assertj.core.data.Percentage.withPercentage(25));
        assertThat(FactorFeed.key(actual)).isEqualTo("ELECTRICITY|DK2|125%|ACTUAL|2024-03-05T17:00:00Z");
    }

    @Test
    void shouldGiveMonthlyHeatFactorsOverLocalMonthsAveraging36At200PercentThat125PercentMakes57() {
        EmissionFactor january = feed.heatMonthly(YearMonth.of(2024, 1));
        assertThat(january.getValidFrom()).isEqualTo(Instant.parse("2023-12-31T23:00:00Z"));
        assertThat(january.getValidTo()).isEqualTo(Instant.parse("2024-01-31T23:00:00Z"));
        assertThat(january.getArea()).isEqualTo("VEKS-VALLENSBAEK");
        assertThat(january.getMethod()).isEqualTo("125%");
        assertThat(january.getEdition()).isEqualTo(Edition.ACTUAL);
        double mean = 0;
        for (int m = 1; m <= 12; m++) {
            mean += feed.heatMonthly(YearMonth.of(2024, m)).getGramsCo2ePerKWh() / 12;
        }
        assertThat(mean).isBetween(33.0 * 1.6, 39.0 * 1.6);
        assertThat(january.getGramsCo2ePerKWh()).isGreaterThan(feed.heatMonthly(YearMonth.of(2024, 7)).getGramsCo2ePerKWh());
    }

    @Test
    void shouldDeclareDistrictHeatingForVeks36GramsAt200PercentAs57_6At125PercentOverTheLocalYear() {
        EmissionFactor declaration = feed.heatDeclaration(2024);
        assertThat(declaration.getEdition()).isEqualTo(Edition.DECLARATION);
        assertThat(declaration.getGramsCo2ePerKWh()).isEqualTo(57.6);
        assertThat(declaration.getValidFrom()).isEqualTo(Instant.parse("2023-12-31T23:00:00Z"));
        assertThat(declaration.getValidTo()).isEqualTo(Instant.parse("2024-12-31T23:00:00Z"));
        assertThat(FactorFeed.key(declaration)).isEqualTo("DISTRICT_HEATING|VEKS-VALLENSBAEK|125%|DECLARATION|2023-12-31T23:00:00Z");
    }
}
