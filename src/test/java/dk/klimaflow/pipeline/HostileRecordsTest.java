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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile input on the real topology: arrays that claim a billion items, oversized time series, and one utility filling the
 * parking. Each ends in energy.readings.rejected with its reason, and good records keep being counted.
 */
class HostileRecordsTest {
    static final Instant NOW = Instant.parse("2026-06-10T12:00:00Z");
    static final Instant H10 = Instant.parse("2026-06-09T10:00:00Z");
    static final String MP = "571313100000000001";

    final PipelineHarness h = new PipelineHarness(NOW, Map.of("klimaflow.parking.max.records.per.utility", "2",
            "klimaflow.max.series.points", "100"));

    @AfterEach
    void close() {
        h.close();
    }

    /** A series of the real schema id whose points array claims {@code count} items and then ends. */
    private byte[] claimingPoints(long count) throws IOException {
        byte[] valid = h.serdes.electricity().serialize(Topics.ELECTRICITY, series(MP, H10, Resolution.PT1H, NOW, 1L));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Arrays.copyOf(valid, 5));
        BinaryEncoder e = EncoderFactory.get().directBinaryEncoder(out, null);
        e.writeString(MP);
        e.writeString(PipelineHarness.OWNER);
        e.writeLong(H10.toEpochMilli());
        e.writeEnum(Resolution.PT1H.ordinal());
        e.writeArrayStart();
        e.setItemCount(count);
        e.flush();
        return out.toByteArray();
    }

    @Test
    void shouldDeadLetterArraysClaimingBillionsOfItemsAsMalformed() throws IOException {
        h.send(electricityPoint(MP, "I.1", false));
        h.pipeBytes(Topics.ELECTRICITY, MP, claimingPoints(1_000_000_000L));
        h.pipeBytes(Topics.ELECTRICITY, MP, claimingPoints(2_000_000_000L));
        h.pipeBytes(Topics.ELECTRICITY, MP, claimingPoints(Long.MAX_VALUE / 4));
        h.send(series(MP, H10, Resolution.PT1H, NOW, 1000L));
        h.flush();

        assertThat(h.rejected()).hasSize(3).allSatisfy(r -> assertThat(r.getReasonCode()).isEqualTo(ReasonCode.MALFORMED));
        assertThat(h.latest(Granularity.HOUR).values()).singleElement().extracting(s -> s.getEnergyWh()).isEqualTo(1000L);
    }

    /** A heat series of the real schema id whose readings array claims {@code count} items and then ends. */
    private byte[] claimingHeatReadings(long count) throws IOException {
        byte[] valid = h.serdes.districtHeatingSeries().serialize(Topics.DISTRICT_HEATING_SERIES, PipelineHarness.heatSeries(List.of(
                PipelineHarness.heat("HM-1", H10, 1.0, dk.klimaflow.avro.EnergyUnit.KWH, NOW))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Arrays.copyOf(valid, 5));
        BinaryEncoder e = EncoderFactory.get().directBinaryEncoder(out, null);
        e.writeString("HM-1");
        e.writeString(PipelineHarness.HEAT_OWNER);
        e.writeEnum(dk.klimaflow.avro.EnergyUnit.KWH.ordinal());
        e.writeArrayStart();
        e.setItemCount(count);
        e.flush();
        return out.toByteArray();
    }

    @Test
    void shouldDeadLetterHeatSeriesClaimingBillionsOfReadingsAsMalformed() throws IOException {
        h.send(PipelineHarness.heatMeter("HM-1", "I.1"));
        h.pipeBytes(Topics.DISTRICT_HEATING_SERIES, "HM-1", claimingHeatReadings(2_000_000_000L));
        h.pipeBytes(Topics.DISTRICT_HEATING_SERIES, "HM-1", claimingHeatReadings(Long.MAX_VALUE / 4));
        h.send(PipelineHarness.heatSeries(List.of(PipelineHarness.heat("HM-1", H10, 1.0, dk.klimaflow.avro.EnergyUnit.KWH, NOW),
                PipelineHarness.heat("HM-1", H10.plusSeconds(3600), 2.0, dk.klimaflow.avro.EnergyUnit.KWH, NOW))));
        h.flush();

        assertThat(h.rejected()).hasSize(2).allSatisfy(r -> assertThat(r.getReasonCode()).isEqualTo(ReasonCode.MALFORMED));
        assertThat(h.latest(Granularity.HOUR).values()).singleElement().extracting(s -> s.getEnergyWh()).isEqualTo(1000L);
    }

    @Test
    void shouldDeadLetterASeriesWithMorePointsThanTheSetting() {
        h.send(electricityPoint(MP, "I.1", false));
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            points.add(new Point(1L, Quality.MEASURED));
        }
        Instant start = NOW.minus(Duration.ofDays(5));
        h.send(new ElectricityTimeSeries(MP, PipelineHarness.OWNER, start, Resolution.PT15M, points, NOW));
        h.flush();

        assertThat(h.rejected()).singleElement().satisfies(r -> {
            assertThat(r.getReasonCode()).isEqualTo(ReasonCode.INVALID_VALUE);
            assertThat(r.getReason()).contains("101 points").contains("klimaflow.max.series.points");
        });
    }

    @Test
    void shouldBoundTheParkingPerUtilityAndRejectTheRestAsParkingFull() {
        for (int i = 1; i <= 3; i++) {
            h.send(series("57131310000000010" + i, H10, Resolution.PT1H, NOW, 100L * i));
        }
        ElectricityTimeSeries other = series("571313100000000200", H10, Resolution.PT1H, NOW, 7L);
        other.setUtilityId("5790000000005");
        h.send(other);
        h.send(electricityPoint("571313100000000101", "I.1", false));
        h.flush();

        List<RejectedRecord> rejected = h.rejected();
        assertThat(rejected).singleElement().satisfies(r -> {
            assertThat(r.getReasonCode()).isEqualTo(ReasonCode.PARKING_FULL);
            assertThat(r.getReason()).contains(PipelineHarness.OWNER).contains("klimaflow.parking.max.records.per.utility");
        });
        assertThat(h.counters()).containsEntry("parked", 2L).containsEntry("accepted", 1L);
        assertThat(h.latest(Granularity.HOUR).values()).singleElement().extracting(s -> s.getEnergyWh()).isEqualTo(100L);
    }

    @Test
    void shouldRejectPeriodsAtTheEndsOfTimeWithoutOverflowingTheirEnd() {
        h.send(electricityPoint(MP, "I.1", false));
        long lastHour = Long.MAX_VALUE - Math.floorMod(Long.MAX_VALUE, 3_600_000L);
        h.send(series(MP, Instant.ofEpochMilli(lastHour), Resolution.PT1H, NOW, 1L, 1L));
        h.send(series(MP, Instant.ofEpochMilli(Long.MIN_VALUE + 3_600_000L - Math.floorMod(Long.MIN_VALUE, 3_600_000L)), Resolution.PT1H, NOW, 1L));
        h.send(series(MP, Instant.parse("2100-01-01T00:00:00Z"), Resolution.PT1H, NOW, 1L));
        h.send(series(MP, Instant.parse("2000-01-01T00:00:00Z"), Resolution.PT1H, NOW, 1L));
        h.flush();

        assertThat(h.rejected()).extracting(RejectedRecord::getReasonCode).containsExactly(
                ReasonCode.INVALID_VALUE, ReasonCode.TOO_OLD, ReasonCode.INVALID_VALUE, ReasonCode.TOO_OLD);
        assertThat(h.latest(Granularity.HOUR)).isEmpty();
    }
}
