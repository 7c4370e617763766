package dk.klimaflow.pipeline;

import static dk.klimaflow.pipeline.PipelineHarness.electricityPoint;
import static dk.klimaflow.pipeline.PipelineHarness.series;
import static org.assertj.core.api.Assertions.assertThat;

import dk.klimaflow.avro.Resolution;
import dk.klimaflow.config.Topics;
import dk.klimaflow.domain.Granularity;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Versions of a quarter-hour across arrival orders and master-data changes, on the real topology. */
class IntervalVersionsTest {
    static final Instant NOW = Instant.parse("2026-06-10T12:00:00Z");
    static final Instant H10 = Instant.parse("2026-06-09T10:00:00Z");
    static final String MP = "571313100000000001";
    static final String HOUR_KEY = "0187|I.1|ELECTRICITY|2026-06-09T12:00+02:00";

    final PipelineHarness h = new PipelineHarness(NOW);

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void shouldKeepTheLatestSentAtWhenAnOlderVersionArrivesAfterAnIdenticalReSend() {
        // issue 8, defect 1: v1 (sentAt 1) and v3 (sentAt 3) carry 5,000 Wh, v2 (sentAt 2) 7,000 Wh arrives last
        h.send(electricityPoint(MP, "I.1", false));
        h.send(series(MP, H10, Resolution.PT1H, NOW.minusSeconds(300), 5000L));
        h.send(series(MP, H10, Resolution.PT1H, NOW.minusSeconds(100), 5000L));
        h.send(series(MP, H10, Resolution.PT1H, NOW.minusSeconds(200), 7000L));
        h.flush();
        for (Granularity g : Granularity.values()) {
            assertThat(h.latest(g).values()).singleElement().satisfies(s -> assertThat(s.getEnergyWh()).as(g.name()).isEqualTo(5000L));
        }
    }

    @Test
    void shouldMoveHistoryWhenAMeteringPointReturnsAfterATombstoneWithAnotherSector() {
        // issue 8, defect 5: after a tombstone, a return in I.2 and a correction 3,000 -> 3,500 Wh, I.1 kept 3,000 and I.2 got 500
        h.send(electricityPoint(MP, "I.1", false));
        h.send(series(MP, H10, Resolution.PT1H, NOW.minusSeconds(300), 3000L));
        h.flush();
        h.pipeBytes(Topics.METERING_POINTS, MP, null);
        h.send(electricityPoint(MP, "I.2", false));
        h.send(series(MP, H10, Resolution.PT1H, NOW, 3500L));
        h.flush();
        for (Granularity g : Granularity.values()) {
            var windows = h.latest(g);
            assertThat(windows).as(g.name()).hasSize(2);
            windows.forEach((key, s) -> {
                boolean moved = key.contains("|I.2|");
                assertThat(s.getEnergyWh()).as(g + " " + key).isEqualTo(moved ? 3500L : 0L);
                assertThat(s.getMeteringPoints()).as(g + " " + key).isEqualTo(moved ? 1 : 0);
            });
        }
    }

    @Test
    void shouldKeepHistoryWhereItWasWhenAMeteringPointReturnsWithTheSameMasterData() {
        h.send(electricityPoint(MP, "I.1", false));
        h.send(series(MP, H10, Resolution.PT1H, NOW.minusSeconds(300), 3000L));
        h.pipeBytes(Topics.METERING_POINTS, MP, null);
        h.send(series(MP, H10, Resolution.PT1H, NOW.minusSeconds(200), 3200L)); // parked until the metering point is back
        h.send(electricityPoint(MP, "I.1", false));
        h.flush();
        assertThat(h.latest(Granularity.HOUR)).containsOnlyKeys(HOUR_KEY);
        assertThat(h.latest(Granularity.HOUR, HOUR_KEY).getEnergyWh()).isEqualTo(3200L);
        assertThat(h.latest(Granularity.HOUR, HOUR_KEY).getMeteringPoints()).isEqualTo(1);
    }
}
