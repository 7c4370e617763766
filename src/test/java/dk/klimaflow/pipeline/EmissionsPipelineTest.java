package dk.klimaflow.pipeline;

import static dk.klimaflow.pipeline.PipelineHarness.electricityPoint;
import static dk.klimaflow.pipeline.PipelineHarness.factor;
import static dk.klimaflow.pipeline.PipelineHarness.series;
import static org.assertj.core.api.Assertions.assertThat;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.Edition;
import dk.klimaflow.avro.Point;
import dk.klimaflow.avro.Quality;
import dk.klimaflow.avro.ReasonCode;
import dk.klimaflow.avro.Resolution;
import dk.klimaflow.avro.SectorEmissions;
import dk.klimaflow.domain.Granularity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Electricity rules of the pipeline, one test per rule, on the real topology in a TopologyTestDriver. */
class EmissionsPipelineTest {
    static final Instant NOW = Instant.parse("2026-06-10T12:00:00Z");
    static final Instant H10 = Instant.parse("2026-06-09T10:00:00Z");
    static final String MP = "571313100000000001";
    static final String HOUR_KEY = "0187|I.1|ELECTRICITY|2026-06-09T12:00+02:00";
    static final String DAY_KEY = "0187|I.1|ELECTRICITY|2026-06-09T00:00+02:00";
    static final String MONTH_KEY = "0187|I.1|ELECTRICITY|2026-06-01T00:00+02:00";
    static final String YEAR_KEY = "0187|I.1|ELECTRICITY|2026-01-01T00:00+01:00";

    final PipelineHarness h = new PipelineHarness(NOW);

    @AfterEach
    void close() {
        h.close();
    }

    private void dk2Factor(Instant from, double grams, Edition edition) {
        h.send(factor(Carrier.ELECTRICITY, "DK2", from, Duration.ofHours(1), grams, "125%", edition));
    }

    @Test
    void shouldAggregateEnergyAndCo2eInEveryWindow() {
        h.send(electricityPoint(MP, "I.1", false));
        dk2Factor(H10, 100.0, Edition.ACTUAL);
        h.send(series(MP, H10, Resolution.PT15M, NOW, 1000L, 2000L, 3000L, 4000L));
        h.flush();

        for (var g : List.of(Granularity.HOUR, Granularity.DAY, Granularity.MONTH, Granularity.YEAR)) {
            SectorEmissions s = h.latest(g).values().iterator().next();
            assertThat(s.getEnergyWh()).isEqualTo(10_000);
            assertThat(s.getCo2eGrams()).isEqualTo(1_000); // 10 kWh x 100 g/kWh
            assertThat(s.getMeasuredWh()).isEqualTo(10_000);
            assertThat(s.getMeteringPoints()).isEqualTo(1);
            assertThat(s.getWorstEdition()).isEqualTo(Edition.ACTUAL);
        }
        assertThat(h.latest(Granularity.HOUR)).containsKey(HOUR_KEY);
        assertThat(h.latest(Granularity.DAY)).containsKey(DAY_KEY);
        assertThat(h.latest(Granularity.MONTH)).containsKey(MONTH_KEY);
        assertThat(h.latest(Granularity.YEAR)).containsKey(YEAR_KEY);
    }

    @Test
    void shouldChangeNothingOnIdenticalResend() {
        h.send(electricityPoint(MP, "I.1", false));
        h.send(series(MP, H10, Resolution.PT1H, NOW, 5000L));
        h.flush();
        long revision = h.latest(Granularity.HOUR, HOUR_KEY).getRevision();
        h.send(series(MP, H10, Resolution.PT1H, NOW.plusSeconds(60), 5000L));
        h.send(series(MP, H10, Resolution.PT1H, NOW, 5000L));
        h.flush();
        assertThat(h.latest(Granularity.HOUR, HOUR_KEY).getRevision()).isEqualTo(revision);
        assertThat(h.latest(Granularity.HOUR, HOUR_KEY).getEnergyWh()).isEqualTo(5000);
    }

    @Test
    void shouldRestateEveryWindowOnCorrection() {
        h.send(electricityPoint(MP, "I.1", false));
        h.send(series(MP, H10, Resolution.PT1H, NOW.minusSeconds(3600), 5000L));
        h.flush();
        h.send(series(MP, H10, Resolution.PT1H, NOW, 7000L));
        h.flush();
        for (var g : Granularity.values()) {
            SectorEmissions s = h.latest(g).values().iterator().next();
            assertThat(s.getEnergyWh()).isEqualTo(7000);
            assertThat(s.getRevision()).isEqualTo(2);
            assertThat(s.getMeteringPoints()).isEqualTo(1);
            assertThat(s.getRestatements()).isPositive();
        }
    }

    @Test
    void shouldIgnoreAnOlderVersionArrivingLate() {
        h.send(electricityPoint(MP, "I.1", false));
        h.send(series(MP, H10, Resolution.PT1H, NOW, 7000L));
        h.send(series(MP, H10, Resolution.PT1H, NOW.minusSeconds(3600), 5000L));
        h.flush();
        assertThat(h.latest(Granularity.HOUR, HOUR_KEY).getEnergyWh()).isEqualTo(7000);
    }

    @Test
    void shouldCountMissingIntervalsUntilALaterVersionSuppliesThem() {
        h.send(electricityPoint(MP, "I.1", false));
        h.send(series(MP, H10, Resolution.PT15M, NOW.minusSeconds(60), 1000L, null, 1000L, 1000L));
        h.flush();
        assertThat(h.latest(Granularity.HOUR, HOUR_KEY).getMissingIntervals()).isEqualTo(1);
        assertThat(h.latest(Granularity.HOUR, HOUR_KEY).getEnergyWh()).isEqualTo(3000);
        h.send(series(MP, H10.plusSeconds(900), Resolution.PT15M, NOW, 800L));
        h.flush();
        assertThat(h.latest(Granularity.HOUR, HOUR_KEY).getMissingIntervals()).isZero();
        assertThat(h.latest(Granularity.HOUR, HOUR_KEY).getEnergyWh()).isEqualTo(3800);
    }

    @Test
    void shouldCountEstimatedAndCalculatedApartFromMeasured() {
        h.send(electricityPoint(MP, "I.1", false));
        h.send(new dk.klimaflow.avro.ElectricityTimeSeries(MP, PipelineHarness.OWNER, H10, Resolution.PT15M,
                List.of(new Point(100L, Quality.MEASURED), new Point(200L, Quality.ESTIMATED), new Point(300L, Quality.CALCULATED)), NOW));
        h.flush();
        SectorEmissions s = h.latest(Granularity.HOUR, HOUR_KEY);
        assertThat(s.getMeasuredWh()).isEqualTo(100);
        assertThat(s.getEstimatedWh()).isEqualTo(500);
    }

    @Test
    void shouldKeepEnergyPendingUntilAFactorArrivesAndThenCountIt() {
        h.send(electricityPoint(MP, "I.1", false));
        h.send(series(MP, H10, Resolution.PT1H, NOW, 2000L));
        h.flush();
        SectorEmissions pending = h.latest(Granularity.HOUR, HOUR_KEY);
        assertThat(pending.getPendingFactorWh()).isEqualTo(2000);
        assertThat(pending.getCo2eGrams()).isZero();
        assertThat(pending.getWorstEdition()).isNull();
        dk2Factor(H10, 150.0, Edition.FORECAST);
        h.flush();
        SectorEmissions priced = h.latest(Granularity.YEAR, YEAR_KEY);
        assertThat(priced.getPendingFactorWh()).isZero();
        assertThat(priced.getCo2eGrams()).isEqualTo(300);
        assertThat(priced.getWorstEdition()).isEqualTo(Edition.FORECAST);
    }

    @Test
    void shouldPreferDeclarationOverActualOverForecastWhateverTheOrder() {
        h.send(electricityPoint(MP, "I.1", false));
        h.send(series(MP, H10, Resolution.PT1H, NOW, 1000L));
        dk2Factor(H10, 300.0, Edition.DECLARATION);
        dk2Factor(H10, 100.0, Edition.FORECAST);
        dk2Factor(H10, 200.0, Edition.ACTUAL);
        h.flush();
        assertThat(h.latest(Granularity.HOUR, HOUR_KEY).getCo2eGrams()).isEqualTo(300);
        assertThat(h.latest(Granularity.HOUR, HOUR_KEY).getWorstEdition()).isEqualTo(Edition.DECLARATION);
    }

    @Test
    void shouldRestateWhenAFactorIsRevised() {
        h.send(electricityPoint(MP, "I.1", false));
        dk2Factor(H10, 100.0, Edition.FORECAST);
        h.send(series(MP, H10, Resolution.PT1H, NOW, 1000L));
        h.flush();
        assertThat(h.latest(Granularity.MONTH, MONTH_KEY).getCo2eGrams()).isEqualTo(100);
        dk2Factor(H10, 120.5, Edition.ACTUAL);
        h.flush();
        assertThat(h.latest(Granularity.MONTH, MONTH_KEY).getCo2eGrams()).isEqualTo(121); // 120.5 g, rounded half up once
        assertThat(h.latest(Granularity.MONTH, MONTH_KEY).getCo2eMicrograms()).isEqualTo(120_500_000);
    }

    @Test
    void shouldIgnoreFactorsOfAnotherMethod() {
        h.send(electricityPoint(MP, "I.1", false));
        h.send(series(MP, H10, Resolution.PT1H, NOW, 1000L));
        h.send(factor(Carrier.ELECTRICITY, "DK2", H10, Duration.ofHours(1), 500.0, "200%", Edition.DECLARATION));
        h.flush();
        assertThat(h.latest(Granularity.HOUR, HOUR_KEY).getPendingFactorWh()).isEqualTo(1000);
    }

    @Test
    void shouldApplyAMonthlyFactorToEveryHourItCovers() {
        h.send(electricityPoint(MP, "I.1", false));
        h.send(factor(Carrier.ELECTRICITY, "DK2", Instant.parse("2026-05-31T22:00:00Z"), Duration.ofDays(30), 50.0, "125%", Edition.DECLARATION));
        h.send(series(MP, H10, Resolution.PT1H, NOW, 1000L, 1000L, 1000L));
        h.flush();
        assertThat(h.latest(Granularity.DAY, DAY_KEY).getCo2eGrams()).isEqualTo(150);
    }

    @Test
    void shouldMixQuarterHourAndHourlyVersionsWithoutDoubleCounting() {
        h.send(electricityPoint(MP, "I.1", false));
        h.send(series(MP, H10, Resolution.PT1H, NOW.minusSeconds(60), 4000L));
        h.send(series(MP, H10, Resolution.PT15M, NOW, 100L, 200L));
        h.flush();
        // quarters 3 and 4 keep their 1,000 Wh share of the hourly point
        assertThat(h.latest(Granularity.HOUR, HOUR_KEY).getEnergyWh()).isEqualTo(2300);
    }

    @Test
    void shouldSplitMunicipalOperationsShare() {
        h.send(electricityPoint(MP, "I.1", true));
        h.send(electricityPoint("571313100000000002", "I.1", false));
        dk2Factor(H10, 100.0, Edition.ACTUAL);
        h.send(series(MP, H10, Resolution.PT1H, NOW, 1000L));
        h.send(series("571313100000000002", H10, Resolution.PT1H, NOW, 3000L));
        h.flush();
        SectorEmissions s = h.latest(Granularity.HOUR, HOUR_KEY);
        assertThat(s.getEnergyWh()).isEqualTo(4000);
        assertThat(s.getMeteringPoints()).isEqualTo(2);
        assertThat(s.getMunicipalOperationEnergyWh()).isEqualTo(1000);
        assertThat(s.getMunicipalOperationCo2eGrams()).isEqualTo(100);
    }

    @Test
    void shouldUseTwentyThreeHourLocalDayAtSpringForward() {
        h.send(electricityPoint(MP, "I.1", false));
        Instant localMidnight = Instant.parse("2026-03-28T23:00:00Z"); // 2026-03-29 00:00+01:00
        h.send(series(MP, localMidnight.minusSeconds(3600), Resolution.PT1H, NOW, 1L, 10L));
        h.send(series(MP, localMidnight.plus(Duration.ofHours(22)), Resolution.PT1H, NOW, 100L, 1000L));
        h.flush();
        SectorEmissions day = h.latest(Granularity.DAY, "0187|I.1|ELECTRICITY|2026-03-29T00:00+01:00");
        assertThat(day.getEnergyWh()).isEqualTo(110);
        assertThat(day.getWindowEnd().toEpochMilli() - day.getWindowStart().toEpochMilli()).isEqualTo(23 * 3_600_000L);
        assertThat(h.latest(Granularity.DAY, "0187|I.1|ELECTRICITY|2026-03-30T00:00+02:00").getEnergyWh()).isEqualTo(1000);
    }

    @Test
    void shouldRejectOldCorrectionsAsTooOld() {
        h.send(electricityPoint(MP, "I.1", false));
        h.send(series(MP, NOW.minus(Duration.ofDays(401)), Resolution.PT1H, NOW, 1000L));
        assertThat(h.rejected()).extracting(r -> r.getReasonCode()).containsExactly(ReasonCode.TOO_OLD);
    }

    @Test
    void shouldForgetVersionsOlderThanTheCorrectionHorizon() {
        h.send(electricityPoint(MP, "I.1", false));
        h.send(series(MP, H10.minus(Duration.ofDays(10)), Resolution.PT1H, NOW, 1000L));
        h.send(series(MP, H10.minus(Duration.ofDays(5)), Resolution.PT1H, NOW, 1000L));
        h.send(series(MP, H10, Resolution.PT1H, NOW, 1000L));
        h.advance(Duration.ofDays(397)); // the first day is now past the 400-day horizon, the others not yet
        h.send(series(MP, NOW.plus(Duration.ofDays(396)), Resolution.PT1H, NOW.plus(Duration.ofDays(397)), 1000L));
        org.apache.kafka.streams.state.KeyValueStore<String, byte[]> versions = h.driver.getKeyValueStore(StoreNames.INTERVAL_VERSIONS);
        java.util.List<String> days = new java.util.ArrayList<>();
        try (var it = versions.all()) {
            it.forEachRemaining(kv -> days.add(kv.key));
        }
        assertThat(days).hasSize(3); // 10 days back forgotten; the newest day before the horizon (5 back) is kept: it may span it
    }

    @Test
    void shouldMoveHistoryWhenAMeteringPointChangesSector() {
        h.send(electricityPoint(MP, "I.1", false));
        dk2Factor(H10, 100.0, Edition.ACTUAL);
        h.send(series(MP, H10, Resolution.PT1H, NOW, 1000L, 2000L));
        h.flush();
        h.send(electricityPoint(MP, "I.2", true));
        h.flush();
        SectorEmissions before = h.latest(Granularity.DAY, DAY_KEY);
        SectorEmissions after = h.latest(Granularity.DAY, DAY_KEY.replace("I.1", "I.2"));
        assertThat(before.getEnergyWh()).isZero();
        assertThat(before.getCo2eMicrograms()).isZero();
        assertThat(before.getMeteringPoints()).isZero();
        assertThat(after.getEnergyWh()).isEqualTo(3000);
        assertThat(after.getCo2eGrams()).isEqualTo(100); // only the first hour has a factor
        assertThat(after.getPendingFactorWh()).isEqualTo(2000);
        assertThat(after.getMunicipalOperationEnergyWh()).isEqualTo(3000);
        assertThat(after.getMeteringPoints()).isEqualTo(1);
    }
}
