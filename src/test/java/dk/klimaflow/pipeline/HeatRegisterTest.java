package dk.klimaflow.pipeline;

import static dk.klimaflow.pipeline.PipelineHarness.heat;
import static dk.klimaflow.pipeline.PipelineHarness.heatMeter;
import static org.assertj.core.api.Assertions.assertThat;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.DistrictHeatingReading;
import dk.klimaflow.avro.HeatReadingEvent;
import dk.klimaflow.avro.ReasonCode;
import dk.klimaflow.avro.Edition;
import dk.klimaflow.avro.EnergyUnit;
import dk.klimaflow.avro.SectorEmissions;
import dk.klimaflow.domain.Granularity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** District heating: register readings to hourly energy, units, resets and late readings, through the real topology. */
class HeatRegisterTest {
    static final Instant NOW = Instant.parse("2026-06-10T12:00:00Z");
    static final Instant T0 = Instant.parse("2026-06-09T10:00:00Z");
    static final String METER = "HM-1";
    static final String OTHER = "HM-2";

    final PipelineHarness h = new PipelineHarness(NOW);

    @AfterEach
    void close() {
        h.close();
    }

    private Map<Instant, Long> hourly() {
        h.flush();
        return h.latest(Granularity.HOUR).values().stream()
                .collect(Collectors.toMap(SectorEmissions::getWindowStart, SectorEmissions::getEnergyWh));
    }

    @Test
    void shouldSpreadARegisterDeltaOverTheHoursInProportionToTime() {
        h.send(heatMeter(METER, "I.1"));
        h.send(heat(METER, T0.plus(Duration.ofMinutes(30)), 100.0, EnergyUnit.KWH, NOW));
        h.send(heat(METER, T0.plus(Duration.ofMinutes(150)), 101.0, EnergyUnit.KWH, NOW));
        // 1,000 Wh over 120 minutes: 250 Wh in 10:30-11, 500 in 11-12, 250 in 12-12:30
        assertThat(hourly()).containsExactlyInAnyOrderEntriesOf(Map.of(T0, 250L, T0.plusSeconds(3600), 500L, T0.plusSeconds(7200), 250L));
    }

    @Test
    void shouldGiveTheSameHoursWhetherReadingsArriveInOrderOrNewestFirst() {
        // in order, the processor spreads from its memo of the newest readings; newest first, every reading takes the scans
        int[] minutes = {30, 45, 80, 120, 220, 240, 300};
        double[] kwh = {100.0, 100.5, 101.2, 101.9, 103.0, 103.1, 104.0};
        h.send(heatMeter(METER, "I.1"));
        for (int i = 0; i < minutes.length; i++) {
            h.send(heat(METER, T0.plus(Duration.ofMinutes(minutes[i])), kwh[i], EnergyUnit.KWH, NOW));
        }
        Map<Instant, Long> inOrder = hourly();
        try (PipelineHarness reversed = new PipelineHarness(NOW)) {
            reversed.send(heatMeter(METER, "I.1"));
            for (int i = minutes.length - 1; i >= 0; i--) {
                reversed.send(heat(METER, T0.plus(Duration.ofMinutes(minutes[i])), kwh[i], EnergyUnit.KWH, NOW));
            }
            reversed.flush();
            Map<Instant, Long> newestFirst = reversed.latest(Granularity.HOUR).values().stream()
                    .collect(Collectors.toMap(SectorEmissions::getWindowStart, SectorEmissions::getEnergyWh));
            assertThat(inOrder).isEqualTo(newestFirst);
        }
        assertThat(inOrder.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(4000L);
        assertThat(inOrder).hasSize(5);
    }

    @Test
    void shouldCountHoursSpreadFromASparseReadingAsEstimatedNotMeasured() {
        h.send(heatMeter(METER, "I.1"));
        h.send(heat(METER, T0, 100.0, EnergyUnit.KWH, NOW));
        h.send(heat(METER, T0.plus(Duration.ofHours(1)), 101.0, EnergyUnit.KWH, NOW)); // hourly: measured
        h.send(heat(METER, T0.plus(Duration.ofHours(5)), 105.0, EnergyUnit.KWH, NOW)); // silent for 4 hours: spread, estimated
        h.flush();
        Map<Instant, SectorEmissions> hours = h.latest(Granularity.HOUR).values().stream()
                .collect(Collectors.toMap(SectorEmissions::getWindowStart, s -> s));
        assertThat(hours.get(T0).getMeasuredWh()).isEqualTo(1000L);
        assertThat(hours.get(T0).getEstimatedWh()).isZero();
        for (int i = 1; i < 5; i++) {
            SectorEmissions hour = hours.get(T0.plus(Duration.ofHours(i)));
            assertThat(hour.getEnergyWh()).isEqualTo(1000L);
            assertThat(hour.getMeasuredWh()).as("hour %d", i).isZero();
            assertThat(hour.getEstimatedWh()).as("hour %d", i).isEqualTo(1000L);
        }
        // a reading that fills the gap makes the hours on both of its sides measured again
        h.send(heat(METER, T0.plus(Duration.ofHours(2)), 102.0, EnergyUnit.KWH, NOW));
        h.flush();
        assertThat(h.latest(Granularity.HOUR).values()).filteredOn(s -> s.getWindowStart().equals(T0.plusSeconds(3600)))
                .singleElement().satisfies(s -> assertThat(s.getMeasuredWh()).isEqualTo(1000L));
    }

    @Test
    void shouldConvertGigajoulesSoHoursAddUpToTheRegisterDelta() {
        h.send(heatMeter(METER, "I.1"));
        h.send(heat(METER, T0, 10.0, EnergyUnit.GJ, NOW));
        h.send(heat(METER, T0.plus(Duration.ofHours(3)), 10.001, EnergyUnit.GJ, NOW));
        Map<Instant, Long> hours = hourly();
        assertThat(hours.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(278L); // 0.001 GJ = 277.78 Wh, registers rounded
        assertThat(hours).hasSize(3);
    }

    @Test
    void shouldRejectALowerRegisterWithoutAReplacementInsteadOfGuessingAReset() {
        h.send(heatMeter(METER, "I.1"));
        h.send(heat(METER, T0, 5000.0, EnergyUnit.KWH, NOW));
        h.send(heat(METER, T0.plus(Duration.ofHours(1)), 5002.0, EnergyUnit.KWH, NOW));
        h.send(heat(METER, T0.plus(Duration.ofHours(2)), 3.0, EnergyUnit.KWH, NOW));
        assertThat(hourly()).containsExactlyInAnyOrderEntriesOf(Map.of(T0, 2000L));
        assertThat(h.rejected()).singleElement().satisfies(r -> {
            assertThat(r.getReasonCode()).isEqualTo(ReasonCode.INVALID_VALUE);
            assertThat(r.getReason()).contains("went down").contains("METER_INSTALLED");
        });
        // a late reading between two others that is higher than the one after it is rejected the same way
        h.send(heat(METER, T0.plus(Duration.ofMinutes(30)), 5003.0, EnergyUnit.KWH, NOW));
        assertThat(h.rejected()).hasSize(2);
        assertThat(hourly()).containsExactlyInAnyOrderEntriesOf(Map.of(T0, 2000L));
    }

    /** Old meter 5,000 -> 5,002 kWh (final reading at 11:00), new meter from 3 kWh at 11:00 to 10 kWh at 12:00. */
    private static List<DistrictHeatingReading> replacementAtOneInstant() {
        Instant at = T0.plus(Duration.ofHours(1));
        return List.of(heat(METER, T0, 5000.0, EnergyUnit.KWH, NOW),
                heat(METER, at, 5002.0, EnergyUnit.KWH, NOW, HeatReadingEvent.METER_REMOVED),
                heat(METER, at, 3.0, EnergyUnit.KWH, NOW, HeatReadingEvent.METER_INSTALLED),
                heat(METER, T0.plus(Duration.ofHours(2)), 10.0, EnergyUnit.KWH, NOW),
                heat(METER, T0.plus(Duration.ofHours(3)), 14.0, EnergyUnit.KWH, NOW));
    }

    @Test
    void shouldStartANewRegisterSeriesAtAnExplicitReplacementInAnyArrivalOrder() {
        List<DistrictHeatingReading> readings = replacementAtOneInstant();
        Map<Instant, Long> expected = Map.of(T0, 2000L, T0.plusSeconds(3600), 7000L, T0.plusSeconds(7200), 4000L);
        h.send(heatMeter(METER, "I.1"));
        readings.forEach(h::send);
        assertThat(hourly()).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(h.rejected()).isEmpty();
        for (List<DistrictHeatingReading> order : List.of(reversed(readings), List.of(readings.get(0), readings.get(2), readings.get(1),
                readings.get(3), readings.get(4)), List.of(readings.get(0), readings.get(1), readings.get(3), readings.get(2), readings.get(4)))) {
            try (PipelineHarness other = new PipelineHarness(NOW)) {
                other.send(heatMeter(METER, "I.1"));
                order.forEach(other::send);
                other.flush();
                assertThat(other.latest(Granularity.HOUR).values().stream()
                        .collect(Collectors.toMap(SectorEmissions::getWindowStart, SectorEmissions::getEnergyWh)))
                        .as("arrival order %s", order.stream().map(r -> r.getEvent() + "@" + r.getReadAt()).toList())
                        .containsExactlyInAnyOrderEntriesOf(expected);
            }
        }
    }

    @Test
    void shouldCountTheHoursBetweenTheOldMetersFinalAndTheNewMetersStartReadingAsMissing() {
        h.send(heatMeter(METER, "I.1"));
        h.send(heat(METER, T0, 5000.0, EnergyUnit.KWH, NOW));
        h.send(heat(METER, T0.plus(Duration.ofHours(1)), 5002.0, EnergyUnit.KWH, NOW, HeatReadingEvent.METER_REMOVED));
        h.send(heat(METER, T0.plus(Duration.ofHours(3)), 3.0, EnergyUnit.KWH, NOW, HeatReadingEvent.METER_INSTALLED));
        h.send(heat(METER, T0.plus(Duration.ofHours(4)), 4.0, EnergyUnit.KWH, NOW));
        h.flush();
        Map<Instant, SectorEmissions> hours = h.latest(Granularity.HOUR).values().stream()
                .collect(Collectors.toMap(SectorEmissions::getWindowStart, s -> s));
        assertThat(hours.get(T0).getEnergyWh()).isEqualTo(2000L);
        assertThat(hours.get(T0.plus(Duration.ofHours(3))).getMeasuredWh()).isEqualTo(1000L);
        for (int i = 1; i < 3; i++) {
            SectorEmissions hour = hours.get(T0.plus(Duration.ofHours(i)));
            assertThat(hour.getEnergyWh()).as("hour %d", i).isZero();
            assertThat(hour.getMissingIntervals()).as("hour %d", i).isEqualTo(4L);
        }
        assertThat(h.latest(Granularity.DAY).values()).singleElement().satisfies(d -> {
            assertThat(d.getEnergyWh()).isEqualTo(3000L);
            assertThat(d.getMissingIntervals()).isEqualTo(8L);
        });
        assertThat(h.rejected()).isEmpty();
    }

    @Test
    void shouldShowTheHoursOfASilentMeterAsMissingNotAsZeroUntilAReadingArrives() {
        h.send(heatMeter(METER, "I.1"));
        h.send(heatMeter(OTHER, "I.2")); // another meter that keeps reporting: the feed's clock moves on without METER
        h.send(heat(OTHER, T0, 500.0, EnergyUnit.KWH, NOW));
        for (int i = 0; i <= 2; i++) {
            h.send(heat(METER, T0.plus(Duration.ofHours(i)), 100.0 + i, EnergyUnit.KWH, NOW));
        }
        h.send(heat(OTHER, NOW, 600.0, EnergyUnit.KWH, NOW));
        h.advance(Duration.ofMinutes(1)); // the silence check: hours that ended 2 h ago or more without a reading are missing
        h.flush();
        Instant silentFrom = T0.plus(Duration.ofHours(2));
        Instant silentTo = NOW.minus(Duration.ofHours(2)); // 22 hours
        Map<Instant, SectorEmissions> hours = hoursOf("I.1");
        assertThat(hours).hasSize(2 + 22);
        for (Instant hour = silentFrom; hour.isBefore(silentTo); hour = hour.plus(Duration.ofHours(1))) {
            assertThat(hours.get(hour)).as("hour %s", hour).isNotNull()
                    .satisfies(s -> assertThat(s.getMissingIntervals()).isEqualTo(4L), s -> assertThat(s.getEnergyWh()).isZero(),
                            s -> assertThat(s.getMeasuredWh()).isZero());
        }
        assertThat(hours.get(T0).getMissingIntervals()).isZero();
        assertThat(hoursOf("I.2").values()).allSatisfy(s -> assertThat(s.getMissingIntervals()).isZero());
        h.advance(Duration.ofMinutes(1)); // checked again: each hour is marked once
        h.flush();
        assertThat(hoursOf("I.1")).hasSize(24);
        // the reading after the silence spreads its energy over the missing hours: estimated, no longer missing
        h.send(heat(METER, NOW.minus(Duration.ofHours(1)), 125.0, EnergyUnit.KWH, NOW));
        h.flush();
        long missing = hoursOf("I.1").values().stream().mapToLong(SectorEmissions::getMissingIntervals).sum();
        assertThat(missing).isZero();
        long estimated = hoursOf("I.1").values().stream().mapToLong(SectorEmissions::getEstimatedWh).sum();
        assertThat(estimated).isEqualTo(23_000L);
    }

    @Test
    void shouldNotMarkMetersSilentWhileTheWholeFeedIsBehindTheWallClock() {
        h.send(heatMeter(METER, "I.1"));
        h.send(heatMeter(OTHER, "I.2"));
        for (int i = 0; i <= 2; i++) { // a history being caught up: every meter's newest reading is hours old
            h.send(heat(METER, T0.plus(Duration.ofHours(i)), 100.0 + i, EnergyUnit.KWH, NOW));
            h.send(heat(OTHER, T0.plus(Duration.ofHours(i)), 500.0 + i, EnergyUnit.KWH, NOW));
        }
        h.advance(Duration.ofMinutes(1));
        h.flush();
        assertThat(h.latest(Granularity.HOUR).values()).allSatisfy(s -> assertThat(s.getMissingIntervals()).isZero());
        assertThat(hoursOf("I.1")).hasSize(2);
    }

    private Map<Instant, SectorEmissions> hoursOf(String sector) {
        return h.latest(Granularity.HOUR).values().stream().filter(s -> s.getGpcSector().equals(sector))
                .collect(Collectors.toMap(SectorEmissions::getWindowStart, s -> s));
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> out = new java.util.ArrayList<>(list);
        java.util.Collections.reverse(out);
        return out;
    }

    @Test
    void shouldRestateTheHoursALateReadingSplits() {
        h.send(heatMeter(METER, "I.1"));
        h.send(heat(METER, T0, 0.0, EnergyUnit.MWH, NOW));
        h.send(heat(METER, T0.plus(Duration.ofHours(2)), 0.004, EnergyUnit.MWH, NOW));
        assertThat(hourly()).containsExactlyInAnyOrderEntriesOf(Map.of(T0, 2000L, T0.plusSeconds(3600), 2000L));
        h.send(heat(METER, T0.plus(Duration.ofHours(1)), 0.003, EnergyUnit.MWH, NOW));
        assertThat(hourly()).containsExactlyInAnyOrderEntriesOf(Map.of(T0, 3000L, T0.plusSeconds(3600), 1000L));
        assertThat(h.latest(Granularity.DAY).values()).singleElement().extracting(SectorEmissions::getEnergyWh).isEqualTo(4000L);
    }

    @Test
    void shouldIgnoreAReSentReadingAndPreferTheLatestVersion() {
        h.send(heatMeter(METER, "I.1"));
        h.send(heat(METER, T0, 0.0, EnergyUnit.KWH, NOW));
        h.send(heat(METER, T0.plus(Duration.ofHours(1)), 2.0, EnergyUnit.KWH, NOW.minusSeconds(10)));
        h.send(heat(METER, T0.plus(Duration.ofHours(1)), 2.0, EnergyUnit.KWH, NOW.minusSeconds(10)));
        h.send(heat(METER, T0.plus(Duration.ofHours(1)), 9.0, EnergyUnit.KWH, NOW.minusSeconds(20)));
        assertThat(hourly()).containsExactlyEntriesOf(Map.of(T0, 2000L));
        h.send(heat(METER, T0.plus(Duration.ofHours(1)), 3.0, EnergyUnit.KWH, NOW));
        assertThat(hourly()).containsExactlyEntriesOf(Map.of(T0, 3000L));
    }

    @Test
    void shouldPriceDistrictHeatingWithTheSupplyAreaFactorOfTheConfiguredMethod() {
        h.send(heatMeter(METER, "I.2"));
        h.send(PipelineHarness.factor(Carrier.DISTRICT_HEATING, "VEKS", Instant.parse("2025-12-31T23:00:00Z"), Duration.ofDays(365), 36.0, "200%", Edition.DECLARATION));
        h.send(PipelineHarness.factor(Carrier.DISTRICT_HEATING, "VEKS", Instant.parse("2025-12-31T23:00:00Z"), Duration.ofDays(365), 99.0, "125%", Edition.DECLARATION));
        h.send(heat(METER, T0, 0.0, EnergyUnit.KWH, NOW));
        h.send(heat(METER, T0.plus(Duration.ofHours(1)), 10.0, EnergyUnit.KWH, NOW));
        h.flush();
        SectorEmissions year = h.latest(Granularity.YEAR).values().iterator().next();
        assertThat(year.getCarrier()).isEqualTo(Carrier.DISTRICT_HEATING);
        assertThat(year.getGpcSector()).isEqualTo("I.2");
        assertThat(year.getCo2eGrams()).isEqualTo(360);
    }

    @Test
    void shouldNotAddHoursBeforeTheHorizonAgainWhenALateReadingReSplitsAcrossIt() {
        // issue 8, defect 4: a late reading re-splits back to the predecessor kept before the horizon; days already pruned
        // came back as fresh versions and were added again in full
        try (PipelineHarness p = new PipelineHarness(NOW, Map.of("klimaflow.correction.horizon", "P10D"))) {
            Instant june1 = Instant.parse("2026-06-01T12:00:00Z");
            p.send(heatMeter(METER, "I.1"));
            p.send(heat(METER, june1, 0.0, EnergyUnit.KWH, NOW));
            p.send(heat(METER, june1.plus(Duration.ofDays(8)), 800.0, EnergyUnit.KWH, NOW)); // 100 kWh a day, 8 days
            p.flush();
            assertThat(localDay(p, "2026-06-02")).isEqualTo(100_000L);
            p.advance(Duration.ofDays(5).minusMinutes(1)); // horizon now just before 2026-06-05T12:00Z
            Instant now = NOW.plus(Duration.ofDays(5).minusMinutes(1));
            p.send(heat(METER, now.minus(Duration.ofMinutes(59)), 944.0, EnergyUnit.KWH, now)); // new days: old days pruned
            p.send(heat(METER, june1.plus(Duration.ofDays(6)), 700.0, EnergyUnit.KWH, now)); // late, after the horizon
            p.flush();
            assertThat(p.rejected()).isEmpty();
            assertThat(localDay(p, "2026-06-02")).as("a day before the horizon is closed").isEqualTo(100_000L);
            // kept before the horizon: 4 days at 100 kWh; after it the new split of 0 -> 700 kWh over 6 days (700,000 minus
            // floor(700,000 x 4/6) = 233,334 Wh), then 100 kWh to the 800 kWh reading and 144 kWh to the newest
            assertThat(p.latest(Granularity.MONTH).values()).singleElement().extracting(SectorEmissions::getEnergyWh)
                    .isEqualTo(400_000L + 233_334L + 100_000L + 144_000L);
        }
    }

    private static long localDay(PipelineHarness p, String date) {
        p.flush();
        return p.latest(Granularity.DAY).values().stream()
                .filter(s -> s.getWindowStart().equals(java.time.LocalDate.parse(date).atStartOfDay(java.time.ZoneId.of("Europe/Copenhagen")).toInstant()))
                .mapToLong(SectorEmissions::getEnergyWh).sum();
    }
}
