package dk.klimaflow.pipeline;

import static dk.klimaflow.pipeline.PipelineHarness.electricityPoint;
import static dk.klimaflow.pipeline.PipelineHarness.series;
import static org.assertj.core.api.Assertions.assertThat;

import dk.klimaflow.avro.Resolution;
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
}
