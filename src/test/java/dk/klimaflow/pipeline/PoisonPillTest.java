package dk.klimaflow.pipeline;

import static dk.klimaflow.pipeline.PipelineHarness.factor;
import static dk.klimaflow.pipeline.PipelineHarness.heat;
import static dk.klimaflow.pipeline.PipelineHarness.heatMeter;
import static org.assertj.core.api.Assertions.assertThat;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.Edition;
import dk.klimaflow.avro.EnergyUnit;
import dk.klimaflow.avro.ReasonCode;
import dk.klimaflow.domain.Granularity;
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
    void shouldRejectAFactorAboveThePhysicalMaximum() {
        h.send(factor(Carrier.DISTRICT_HEATING, "VEKS", H10, Duration.ofHours(1), 5_000.0, "200%", Edition.ACTUAL));
        h.flush();

        assertThat(h.rejected()).singleElement().satisfies(r -> {
            assertThat(r.getReasonCode()).isEqualTo(ReasonCode.INVALID_VALUE);
            assertThat(r.getReason()).contains("0..2000");
        });
    }
}
