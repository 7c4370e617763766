package dk.klimaflow.pipeline;

import static dk.klimaflow.pipeline.PipelineHarness.factor;
import static dk.klimaflow.pipeline.PipelineHarness.heat;
import static dk.klimaflow.pipeline.PipelineHarness.electricityPoint;
import static dk.klimaflow.pipeline.PipelineHarness.heatMeter;
import static dk.klimaflow.pipeline.PipelineHarness.series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.Edition;
import dk.klimaflow.avro.EnergyUnit;
import dk.klimaflow.avro.ReasonCode;
import dk.klimaflow.avro.Resolution;
import dk.klimaflow.domain.Granularity;
import dk.klimaflow.domain.LocalCalendar;
import java.util.Collections;
import org.apache.kafka.streams.state.KeyValueStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Defect 3 of issue 8: a heat register near the old 1e15 Wh limit, times a factor, overflowed {@code multiplyExact} in
 * factor-cells and stopped the pipeline. Heat now has a plausibility cap per hour (klimaflow.max.heat.wh.per.hour), checked
 * at intake against the meter's neighbouring readings, and a reading above it is dead-lettered as INVALID_VALUE.
 */
class PoisonPillTest {
    static final Instant NOW = Instant.parse("2026-06-10T12:00:00Z");
    static final Instant H10 = Instant.parse("2026-06-09T10:00:00Z");
    static final String METER = "HM-1";
    static final String A = "571313100000000001";
    static final String B = "571313100000000002";

    PipelineHarness h = new PipelineHarness(NOW);

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void shouldDeadLetterAHeatRegisterThatWouldOverflowAndKeepCounting() {
        h.send(heatMeter(METER, "I.1"));
        h.send(factor(Carrier.DISTRICT_HEATING, "VEKS", H10, Duration.ofHours(4), 100.0, "200%", Edition.ACTUAL));
        h.send(heat(METER, H10, 0.0, EnergyUnit.KWH, NOW));
        h.send(heat(METER, H10.plus(Duration.ofHours(1)), 1e11, EnergyUnit.KWH, NOW)); // 1e14 Wh in one hour
        h.send(heat(METER, H10.plus(Duration.ofHours(1)), 5.0, EnergyUnit.KWH, NOW.plusSeconds(1)));
        h.flush();

        assertThat(h.rejected()).singleElement().satisfies(r -> {
            assertThat(r.getReasonCode()).isEqualTo(ReasonCode.INVALID_VALUE);
            assertThat(r.getReason()).contains("per hour");
        });
        assertThat(h.latest(Granularity.HOUR).values()).singleElement().satisfies(s -> {
            assertThat(s.getEnergyWh()).isEqualTo(5000L);
            assertThat(s.getCo2eGrams()).isEqualTo(500L);
        });
    }

    @Test
    void shouldCheckALateReadingAgainstBothNeighbours() {
        h.send(heatMeter(METER, "I.1"));
        h.send(heat(METER, H10, 0.0, EnergyUnit.MWH, NOW));
        h.send(heat(METER, H10.plus(Duration.ofHours(10)), 1000.0, EnergyUnit.MWH, NOW)); // 100 MWh per hour: plausible
        h.send(heat(METER, H10.plus(Duration.ofMinutes(1)), 999.0, EnergyUnit.MWH, NOW)); // 999 MWh in one minute: not
        h.flush();

        assertThat(h.rejected()).singleElement().satisfies(r -> assertThat(r.getReasonCode()).isEqualTo(ReasonCode.INVALID_VALUE));
        assertThat(h.latest(Granularity.DAY).values()).singleElement().extracting(s -> s.getEnergyWh()).isEqualTo(1_000_000_000L);
    }

    @Test
    void shouldTakeTheHeatCapFromTheConfiguration() {
        h.close();
        h = new PipelineHarness(NOW, Map.of("klimaflow.max.heat.wh.per.hour", "10000"));
        h.send(heatMeter(METER, "I.1"));
        h.send(heat(METER, H10, 0.0, EnergyUnit.KWH, NOW));
        h.send(heat(METER, H10.plus(Duration.ofHours(2)), 20.0, EnergyUnit.KWH, NOW)); // 10 kWh per hour: at the cap
        h.send(heat(METER, H10.plus(Duration.ofHours(3)), 31.0, EnergyUnit.KWH, NOW)); // 11 kWh in an hour: above
        h.flush();

        assertThat(h.rejected()).singleElement().satisfies(r -> assertThat(r.getReason()).contains("10000 Wh per hour"));
        assertThat(h.latest(Granularity.DAY).values()).singleElement().extracting(s -> s.getEnergyWh()).isEqualTo(20_000L);
    }

    @Test
    void shouldDeadLetterARegisterBeyondLongRangeInsteadOfThrowing() {
        h.send(heatMeter(METER, "I.1"));
        h.send(heat(METER, H10, 1e16, EnergyUnit.MWH, NOW)); // 1e22 Wh: does not fit in a long
        h.send(heat(METER, H10, Double.MAX_VALUE, EnergyUnit.GJ, NOW));
        h.flush();

        assertThat(h.rejected()).hasSize(2).allSatisfy(r -> {
            assertThat(r.getReasonCode()).isEqualTo(ReasonCode.INVALID_VALUE);
            assertThat(r.getReason()).contains("implausibly large");
        });
    }

    @Test
    void shouldRefuseAnInputThatWouldPushAYearPastItsOverflowBudgetBeforeWritingAnyCell() {
        h.close();
        h = new PipelineHarness(NOW, Map.of("klimaflow.topic.partitions", "1000")); // budget: 9.22e18 / 1000 / 2e6 = 4.6e9 Wh
        h.send(electricityPoint(A, "I.1", false));
        h.send(electricityPoint(B, "I.1", false));
        h.send(series(A, H10, Resolution.PT15M, NOW, Collections.nCopies(40, 100_000_000L).toArray(Long[]::new)));
        h.flush();

        assertThatThrownBy(() -> h.send(series(B, H10, Resolution.PT15M, NOW, Collections.nCopies(10, 100_000_000L).toArray(Long[]::new))))
                .hasRootCauseInstanceOf(ArithmeticException.class)
                .hasStackTraceContaining("Quarantine$PoisonRecordException")
                .hasStackTraceContaining("more than 4611686018 Wh");
        KeyValueStore<String, Long> years = h.driver.getKeyValueStore(StoreNames.YEAR_ENERGY);
        assertThat(years.get("0187|I.1|ELECTRICITY|" + LocalCalendar.pad13(Instant.parse("2025-12-31T23:00:00Z").toEpochMilli())))
                .isEqualTo(4_000_000_000L);
        assertThat(h.latest(Granularity.YEAR).values()).singleElement().extracting(s -> s.getEnergyWh()).isEqualTo(4_000_000_000L);
    }

    @Test
    void shouldRejectAFactorAboveThePhysicalMaximum() {
        h.send(factor(Carrier.DISTRICT_HEATING, "VEKS", H10, Duration.ofHours(1), 5_000.0, "200%", Edition.ACTUAL));
        h.flush();

        assertThat(h.rejected()).singleElement().satisfies(r -> {
            assertThat(r.getReasonCode()).isEqualTo(ReasonCode.INVALID_VALUE);
            assertThat(r.getReason()).contains("0..2000");
        });
    }
}
