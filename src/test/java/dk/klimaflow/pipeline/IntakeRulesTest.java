package dk.klimaflow.pipeline;

import static dk.klimaflow.pipeline.PipelineHarness.electricityPoint;
import static dk.klimaflow.pipeline.PipelineHarness.series;
import static org.assertj.core.api.Assertions.assertThat;

import dk.klimaflow.avro.ElectricityTimeSeries;
import dk.klimaflow.avro.Point;
import dk.klimaflow.avro.Quality;
import dk.klimaflow.avro.ReasonCode;
import dk.klimaflow.avro.RejectedRecord;
import dk.klimaflow.avro.Resolution;
import dk.klimaflow.config.Topics;
import dk.klimaflow.domain.Granularity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Validation, ownership, parking and the intake ledger, on the real topology in a TopologyTestDriver. */
class IntakeRulesTest {
    static final Instant NOW = Instant.parse("2026-06-10T12:00:00Z");
    static final Instant H10 = Instant.parse("2026-06-09T10:00:00Z");
    static final String MP = "571313100000000001";

    final PipelineHarness h = new PipelineHarness(NOW, Map.of("klimaflow.parking.max.age", "PT1H"));

    @AfterEach
    void close() {
        h.close();
    }

    private void assertLedgerBalances() {
        Map<String, Long> c = h.counters();
        long rejected = c.entrySet().stream().filter(e -> e.getKey().startsWith("rejected.")).mapToLong(Map.Entry::getValue).sum();
        assertThat(c.getOrDefault("in", 0L)).isEqualTo(c.getOrDefault("accepted", 0L) + rejected + c.getOrDefault("parked", 0L));
    }

    @Test
    void shouldDeadLetterUndecodableBytesAsMalformedAndContinue() {
        h.send(electricityPoint(MP, "I.1", false));
        h.pipeBytes(Topics.ELECTRICITY, MP, "not avro".getBytes());
        h.pipeBytes(Topics.ELECTRICITY, MP, new byte[] {0, 0, 0, 0, 0x7f, 2}); // unknown schema id
        h.send(series(MP, H10, Resolution.PT1H, NOW, 1000L));
        h.flush();
        List<RejectedRecord> rejected = h.rejected();
        assertThat(rejected).extracting(RejectedRecord::getReasonCode).containsExactly(ReasonCode.MALFORMED, ReasonCode.MALFORMED);
        assertThat(rejected.get(0).getSourceTopic()).isEqualTo(Topics.ELECTRICITY);
        assertThat(new String(rejected.get(0).getValue().array())).isEqualTo("not avro");
        assertThat(rejected.get(1).getReason()).contains("schema id 127");
        assertThat(h.latest(Granularity.HOUR).values()).singleElement().extracting(s -> s.getEnergyWh()).isEqualTo(1000L);
        assertLedgerBalances();
    }

    @Test
    void shouldRejectImpossibleValuesAsInvalid() {
        h.send(electricityPoint(MP, "I.1", false));
        h.send(series(MP, H10, Resolution.PT1H, NOW, -5L));
        h.send(new ElectricityTimeSeries(MP, PipelineHarness.OWNER, H10, Resolution.PT1H, List.of(new Point(null, Quality.MEASURED)), NOW));
        h.send(series(MP, NOW.plus(Duration.ofHours(2)), Resolution.PT1H, NOW, 10L));
        h.send(series(MP, H10, Resolution.PT1H, NOW, 5_000_000_000L));
        h.send(series(MP, H10.plusSeconds(60), Resolution.PT15M, NOW, 10L));
        h.send(series("12345", H10, Resolution.PT1H, NOW, 10L));
        assertThat(h.rejected()).extracting(RejectedRecord::getReasonCode).containsOnly(ReasonCode.INVALID_VALUE).hasSize(6);
        assertThat(h.rejected()).extracting(RejectedRecord::getReason).anySatisfy(r -> assertThat(r).contains("negative"))
                .anySatisfy(r -> assertThat(r).contains("future")).anySatisfy(r -> assertThat(r).contains("only MISSING"));
        assertLedgerBalances();
    }

    @Test
    void shouldRejectReadingsFromAnotherUtilityAsNotOwner() {
        h.send(electricityPoint(MP, "I.1", false));
        h.send(new ElectricityTimeSeries(MP, "intruder", H10, Resolution.PT1H, List.of(new Point(1L, Quality.MEASURED)), NOW));
        assertThat(h.rejected()).extracting(RejectedRecord::getReasonCode).containsExactly(ReasonCode.NOT_OWNER);
        assertLedgerBalances();
    }

    @Test
    void shouldParkReadingsOfUnknownMeteringPointsAndReleaseThemOnArrival() {
        h.send(series(MP, H10, Resolution.PT1H, NOW, 1000L));
        h.send(series(MP, H10.plusSeconds(3600), Resolution.PT1H, NOW, 2000L));
        assertThat(h.counters()).containsEntry("parked", 2L);
        assertLedgerBalances();
        h.send(electricityPoint(MP, "I.2", false));
        h.flush();
        assertThat(h.counters()).containsEntry("parked", 0L).containsEntry("accepted", 2L);
        assertThat(h.latest(Granularity.DAY).values()).singleElement().extracting(s -> s.getEnergyWh()).isEqualTo(3000L);
        assertLedgerBalances();
    }

    @Test
    void shouldExpireParkedReadingsAsUnknownMeteringPoint() {
        h.send(series(MP, H10, Resolution.PT1H, NOW, 1000L));
        h.advance(Duration.ofMinutes(61));
        assertThat(h.rejected()).extracting(RejectedRecord::getReasonCode).containsExactly(ReasonCode.UNKNOWN_METERING_POINT);
        assertThat(h.counters()).containsEntry("parked", 0L);
        assertLedgerBalances();
    }

    @Test
    void shouldRejectWhenParkingIsFull() {
        try (PipelineHarness small = new PipelineHarness(NOW, Map.of("klimaflow.parking.max.records", "1"))) {
            small.send(series(MP, H10, Resolution.PT1H, NOW, 1000L));
            small.send(series(MP, H10.plusSeconds(3600), Resolution.PT1H, NOW, 1000L));
            assertThat(small.rejected()).extracting(RejectedRecord::getReasonCode).containsExactly(ReasonCode.PARKING_FULL);
            assertThat(small.rejected().get(0).getReason()).contains("klimaflow.parking.max.records");
        }
    }

    @Test
    void shouldDeadLetterInvalidMeteringPointsAndFactors() {
        h.send(new dk.klimaflow.avro.MeteringPoint(MP, dk.klimaflow.avro.Carrier.ELECTRICITY, "x", "187", "I.1", false, null, null, dk.klimaflow.avro.MeteringPointType.E17, null));
        h.pipeBytes(Topics.EMISSION_FACTORS, "k", "garbage".getBytes());
        assertThat(h.rejected()).extracting(RejectedRecord::getSourceTopic).containsExactlyInAnyOrder(Topics.METERING_POINTS, Topics.EMISSION_FACTORS);
    }
}
