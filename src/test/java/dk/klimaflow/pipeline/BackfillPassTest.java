package dk.klimaflow.pipeline;

import static dk.klimaflow.pipeline.PipelineHarness.electricityPoint;
import static dk.klimaflow.pipeline.PipelineHarness.factor;
import static dk.klimaflow.pipeline.PipelineHarness.heat;
import static dk.klimaflow.pipeline.PipelineHarness.heatMeter;
import static dk.klimaflow.pipeline.PipelineHarness.series;
import static org.assertj.core.api.Assertions.assertThat;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.Edition;
import dk.klimaflow.avro.EnergyUnit;
import dk.klimaflow.avro.ReasonCode;
import dk.klimaflow.avro.RejectedRecord;
import dk.klimaflow.avro.Resolution;
import dk.klimaflow.avro.SectorEmissions;
import dk.klimaflow.config.Topics;
import dk.klimaflow.domain.Granularity;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The backfill pass ({@code klimaflow.mode=backfill}) next to the live pass, each the real topology in its own
 * TopologyTestDriver at the same wall clock; the backfill pass's aggregate-deltas output is fed into the live pass's
 * aggregate-deltas topic as the broker would. The live horizon (400 days) starts 2025-10-26T12:00Z.
 */
class BackfillPassTest {
    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    static final Instant LIVE_HORIZON_START = NOW.minus(Duration.ofDays(400));
    static final Instant LIVE_HOUR = Instant.parse("2025-11-10T10:00:00Z");
    static final Instant OLD_HOUR = Instant.parse("2025-03-10T10:00:00Z");
    static final String MP = "571313100000000001";
    static final String YEAR_2025 = "0187|I.1|ELECTRICITY|2025-01-01T00:00+01:00";
    static final String MARCH_2025 = "0187|I.1|ELECTRICITY|2025-03-01T00:00+01:00";
    static final String NOVEMBER_2025 = "0187|I.1|ELECTRICITY|2025-11-01T00:00+01:00";

    final PipelineHarness live = new PipelineHarness(NOW);
    final PipelineHarness backfill = new PipelineHarness(NOW, Map.of("klimaflow.mode", "backfill"));

    @AfterEach
    void close() {
        live.close();
        backfill.close();
    }

    private static dk.klimaflow.avro.EmissionFactor dk2(Instant hour, double grams) {
        return factor(Carrier.ELECTRICITY, "DK2", hour, Duration.ofHours(1), grams, "125%", Edition.DECLARATION);
    }

    @Test
    void shouldReadItsOwnTopicsAndWriteIntoTheLivePassDeltasTopic() {
        assertThat(backfill.pass.applicationId()).isEqualTo("klimaflow-test-backfill");
        assertThat(backfill.pass.inputs()).containsExactly(Topics.BACKFILL_ELECTRICITY, Topics.BACKFILL_DISTRICT_HEATING,
                Topics.BACKFILL_DISTRICT_HEATING_SERIES, Topics.BACKFILL_METERING_POINTS);
        assertThat(backfill.pass.factorBroadcast()).isEqualTo("klimaflow-test-backfill-factor-broadcast");
        assertThat(backfill.pass.aggregateDeltas()).isEqualTo(live.pass.aggregateDeltas()).isEqualTo("klimaflow-test-aggregate-deltas");
        assertThat(live.pass.inputs()).containsExactly(Topics.ELECTRICITY, Topics.DISTRICT_HEATING, Topics.DISTRICT_HEATING_SERIES,
                Topics.METERING_POINTS);
    }

    @Test
    void shouldAddBackfilledMonthsToTheLiveYearWindowAndLeaveTheLiveMonthsAlone() {
        live.send(electricityPoint(MP, "I.1", false));
        live.send(dk2(LIVE_HOUR, 100.0));
        live.send(series(MP, LIVE_HOUR, Resolution.PT15M, NOW, 1000L, 1000L, 1000L, 1000L));
        live.flush();
        SectorEmissions november = live.latest(Granularity.MONTH, NOVEMBER_2025);
        assertThat(november.getEnergyWh()).isEqualTo(4_000);

        backfill.send(electricityPoint(MP, "I.1", false));
        backfill.send(dk2(OLD_HOUR, 200.0));
        backfill.send(series(MP, OLD_HOUR, Resolution.PT1H, NOW, 5000L));
        backfill.flush();
        assertThat(backfill.rejected()).isEmpty();
        assertThat(backfill.latest(Granularity.YEAR)).as("the backfill pass publishes no aggregates itself").isEmpty();
        live.receiveDeltas(backfill.deltasWritten());

        SectorEmissions year = live.latest(Granularity.YEAR, YEAR_2025);
        assertThat(year.getEnergyWh()).isEqualTo(9_000);
        assertThat(year.getCo2eGrams()).isEqualTo(400 + 1_000); // 4 kWh x 100 g + 5 kWh x 200 g
        assertThat(year.getPendingFactorWh()).isZero();
        assertThat(live.latest(Granularity.MONTH, MARCH_2025).getCo2eGrams()).isEqualTo(1_000);
        assertThat(live.latest(Granularity.MONTH, NOVEMBER_2025)).as("the live month is not republished").isEqualTo(november);
        assertThat(live.rejected()).isEmpty();
        assertThat(live.revisionErrors()).isEmpty();
    }

    @Test
    void shouldDeadLetterWhatTheLivePassCountsAndKeepTheBackfillHorizon() {
        backfill.send(electricityPoint(MP, "I.1", false));
        backfill.send(heatMeter("heat-1", "I.2"));
        backfill.send(series(MP, LIVE_HOUR, Resolution.PT1H, NOW, 5000L)); // inside the live horizon
        Instant across = LIVE_HORIZON_START.minus(Duration.ofHours(1));
        backfill.send(series(MP, across, Resolution.PT1H, NOW, 1000L, 1000L)); // starts before, ends after the live horizon start
        backfill.send(heat("heat-1", LIVE_HORIZON_START.plus(Duration.ofHours(1)), 10.0, EnergyUnit.MWH, NOW));
        backfill.send(series(MP, NOW.minus(Duration.ofDays(4001)), Resolution.PT1H, NOW, 1000L)); // before the backfill horizon
        backfill.send(series(MP, across.minus(Duration.ofHours(1)), Resolution.PT1H, NOW, 700L, 300L)); // ends at the live start
        backfill.flush();

        assertThat(backfill.rejected()).extracting(RejectedRecord::getReasonCode).containsExactly(ReasonCode.WITHIN_LIVE_HORIZON,
                ReasonCode.WITHIN_LIVE_HORIZON, ReasonCode.WITHIN_LIVE_HORIZON, ReasonCode.TOO_OLD);
        assertThat(backfill.rejected().get(0).getReason()).contains("send it to the live topics");
        assertThat(backfill.rejected()).extracting(RejectedRecord::getSourceTopic).containsExactly(Topics.BACKFILL_ELECTRICITY,
                Topics.BACKFILL_ELECTRICITY, Topics.BACKFILL_DISTRICT_HEATING, Topics.BACKFILL_ELECTRICITY);
        live.receiveDeltas(backfill.deltasWritten());
        long energy = live.latest(Granularity.YEAR).values().stream().mapToLong(SectorEmissions::getEnergyWh).sum();
        assertThat(energy).as("only the series that ends at the live horizon start is counted").isEqualTo(1_000);
        assertThat(backfill.counters()).containsEntry("in", 5L).containsEntry("accepted", 1L);
    }

    @Test
    void shouldPriceHistoryWithFactorsOlderThanTheLiveHorizonThatArriveAfterTheReadings() {
        Instant hour = Instant.parse("2023-03-10T10:00:00Z");
        backfill.send(electricityPoint(MP, "I.1", false));
        backfill.send(series(MP, hour, Resolution.PT1H, NOW, 5000L));
        backfill.flush();
        backfill.send(dk2(hour, 150.0)); // 3.7 years old: the live pass ignores a factor this old
        backfill.flush();
        live.receiveDeltas(backfill.deltasWritten());

        SectorEmissions year = live.latest(Granularity.YEAR, "0187|I.1|ELECTRICITY|2023-01-01T00:00+01:00");
        assertThat(year.getEnergyWh()).isEqualTo(5_000);
        assertThat(year.getPendingFactorWh()).isZero();
        assertThat(year.getCo2eGrams()).isEqualTo(750);
        assertThat(year.getDeclarationWh()).isEqualTo(5_000);
    }
}
