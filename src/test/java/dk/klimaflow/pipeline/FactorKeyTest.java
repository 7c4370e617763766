package dk.klimaflow.pipeline;

import static dk.klimaflow.pipeline.PipelineHarness.electricityPoint;
import static dk.klimaflow.pipeline.PipelineHarness.factor;
import static dk.klimaflow.pipeline.PipelineHarness.series;
import static org.assertj.core.api.Assertions.assertThat;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.Edition;
import dk.klimaflow.avro.EmissionFactor;
import dk.klimaflow.avro.ReasonCode;
import dk.klimaflow.avro.Resolution;
import dk.klimaflow.config.Topics;
import dk.klimaflow.domain.Granularity;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Defect 6 of issue 8: an emission factor whose key (carrier|area|method|edition|validFrom) disagrees with its value was
 * accepted, so two keys could fight over one slot. It is now dead-lettered as INVALID_VALUE and never prices energy.
 */
class FactorKeyTest {
    static final Instant NOW = Instant.parse("2026-06-10T12:00:00Z");
    static final Instant H10 = Instant.parse("2026-06-09T10:00:00Z");
    static final Instant H11 = H10.plus(Duration.ofHours(1));
    static final String MP = "571313100000000001";

    final PipelineHarness h = new PipelineHarness(NOW);

    @AfterEach
    void close() {
        h.close();
    }

    private void sendKeyed(String key, EmissionFactor f) {
        h.pipeBytes(Topics.EMISSION_FACTORS, key, h.serdes.emissionFactor().serialize(Topics.EMISSION_FACTORS, f));
    }

    @Test
    void shouldDeadLetterAFactorKeyedForOneHourButValidForTheNext() {
        h.send(electricityPoint(MP, "I.1", false));
        h.send(factor(Carrier.ELECTRICITY, "DK2", H11, Duration.ofHours(1), 100.0, "125%", Edition.ACTUAL));
        sendKeyed("ELECTRICITY|DK2|125%|DECLARATION|" + H10,
                factor(Carrier.ELECTRICITY, "DK2", H11, Duration.ofHours(1), 999.0, "125%", Edition.DECLARATION));
        h.send(series(MP, H11, Resolution.PT1H, NOW, 2000L));
        h.flush();

        assertThat(h.rejected()).singleElement().satisfies(r -> {
            assertThat(r.getReasonCode()).isEqualTo(ReasonCode.INVALID_VALUE);
            assertThat(r.getSourceTopic()).isEqualTo(Topics.EMISSION_FACTORS);
            assertThat(r.getReason()).contains("validFrom");
        });
        assertThat(h.latest(Granularity.HOUR).values()).singleElement().extracting(s -> s.getCo2eGrams()).isEqualTo(200L);
    }

    @Test
    void shouldDeadLetterAKeyThatNamesAnotherAreaMethodOrEditionAndAnUnreadableKey() {
        EmissionFactor f = factor(Carrier.ELECTRICITY, "DK2", H10, Duration.ofHours(1), 100.0, "125%", Edition.ACTUAL);
        sendKeyed("ELECTRICITY|DK1|125%|ACTUAL|" + H10, f);
        sendKeyed("ELECTRICITY|DK2|200%|ACTUAL|" + H10, f);
        sendKeyed("ELECTRICITY|DK2|125%|FORECAST|" + H10, f);
        sendKeyed("DK2|ACTUAL", f);
        sendKeyed("ELECTRICITY|DK2|125%|ACTUAL|" + H10, f); // the right key
        h.pipeBytes(Topics.EMISSION_FACTORS, "ELECTRICITY|DK2|125%|ACTUAL|yesterday", null); // tombstone with an unreadable key
        h.flush();

        assertThat(h.rejected()).hasSize(5).allSatisfy(r -> assertThat(r.getReasonCode()).isEqualTo(ReasonCode.INVALID_VALUE));
    }
}
