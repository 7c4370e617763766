package dk.klimaflow.pipeline;

import static dk.klimaflow.pipeline.PipelineHarness.heat;
import static dk.klimaflow.pipeline.PipelineHarness.heatMeter;
import static dk.klimaflow.pipeline.PipelineHarness.heatSeries;
import static org.assertj.core.api.Assertions.assertThat;

import dk.klimaflow.avro.DistrictHeatingReading;
import dk.klimaflow.avro.EnergyUnit;
import dk.klimaflow.avro.HeatReadingEvent;
import dk.klimaflow.avro.ReasonCode;
import dk.klimaflow.avro.RejectedRecord;
import dk.klimaflow.avro.SectorEmissions;
import dk.klimaflow.config.Topics;
import dk.klimaflow.domain.Granularity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * energy.district-heating.series: a heat meter's readings delivered as one record count exactly as the same readings sent one
 * by one, and the series is accepted or rejected whole.
 */
class HeatSeriesTest {
    static final Instant NOW = Instant.parse("2026-06-10T12:00:00Z");
    static final Instant T0 = Instant.parse("2026-06-08T00:00:00Z");

    private static DistrictHeatingReading reading(String meter, int minutes, double kwh, long sentAt) {
        return heat(meter, T0.plus(Duration.ofMinutes(minutes)), kwh, EnergyUnit.KWH, Instant.ofEpochMilli(sentAt));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void shouldCountASeriesExactlyAsItsReadingsSentOneByOne(long seed) {
        Random rnd = new Random(seed);
        List<String> meters = List.of("HM-1", "HM-2", "HM-3");
        // registers rise with time (10 kWh per 10 minutes at least, a re-send adds at most 3): any arrival order is plausible
        List<DistrictHeatingReading> readings = new ArrayList<>();
        long sent = NOW.toEpochMilli() - 86_400_000L;
        for (int i = 0; i < 120; i++) {
            String meter = meters.get(rnd.nextInt(meters.size()));
            int minutes = 10 * rnd.nextInt(6 * 48);
            double kwh = 1_000 + minutes + rnd.nextInt(3) + (meter.hashCode() % 7);
            readings.add(rnd.nextInt(15) == 0 && !readings.isEmpty() ? readings.get(rnd.nextInt(readings.size())) : reading(meter, minutes, kwh, sent += 1_000));
        }
        try (PipelineHarness single = new PipelineHarness(NOW); PipelineHarness grouped = new PipelineHarness(NOW)) {
            for (String m : meters) {
                single.send(heatMeter(m, m.equals("HM-2") ? "I.2" : "I.1"));
                grouped.send(heatMeter(m, m.equals("HM-2") ? "I.2" : "I.1"));
            }
            int i = 0;
            while (i < readings.size()) {
                // a run of one meter's readings with one sentAt becomes a series, ordered by readAt, without repeated instants
                String meter = readings.get(i).getMeterId();
                int n = 1 + rnd.nextInt(6);
                TreeMap<Instant, DistrictHeatingReading> run = new TreeMap<>();
                long sentAt = readings.get(i).getSentAt().toEpochMilli();
                for (int j = i; j < readings.size() && j < i + n && readings.get(j).getMeterId().equals(meter); j++) {
                    DistrictHeatingReading r = readings.get(j);
                    DistrictHeatingReading same = DistrictHeatingReading.newBuilder(r).setSentAt(Instant.ofEpochMilli(sentAt)).build();
                    run.put(r.getReadAt(), same);
                    i = j + 1;
                }
                List<DistrictHeatingReading> series = new ArrayList<>(run.values());
                series.forEach(single::send);
                grouped.send(heatSeries(series));
                if (rnd.nextInt(5) == 0) {
                    single.flush();
                    grouped.flush();
                    assertSameAggregates(single, grouped, seed);
                }
            }
            single.flush();
            grouped.flush();
            assertSameAggregates(single, grouped, seed);
            assertThat(single.rejected()).as("nothing rejected one by one, seed %d", seed).isEmpty();
            assertThat(grouped.rejected()).as("nothing rejected as series, seed %d", seed).isEmpty();
            assertThat(grouped.latest(Granularity.YEAR).values().stream().mapToLong(SectorEmissions::getEnergyWh).sum()).isPositive();
        }
    }

    private static void assertSameAggregates(PipelineHarness single, PipelineHarness grouped, long seed) {
        for (Granularity g : Granularity.values()) {
            Map<String, String> a = new TreeMap<>();
            Map<String, String> b = new TreeMap<>();
            single.latest(g).forEach((k, s) -> a.put(k, totals(s)));
            grouped.latest(g).forEach((k, s) -> b.put(k, totals(s)));
            assertThat(b).as("%s seed %d", g, seed).isEqualTo(a);
        }
    }

    private static String totals(SectorEmissions s) {
        return s.getEnergyWh() + " Wh " + s.getCo2eMicrograms() + " µg pending " + s.getPendingFactorWh() + " measured " + s.getMeasuredWh()
                + " estimated " + s.getEstimatedWh() + " missing " + s.getMissingIntervals() + " points " + s.getMeteringPoints();
    }

    @Test
    void shouldRejectTheWholeSeriesWhenOneReadingGoesDownWithoutAReplacement() {
        try (PipelineHarness h = new PipelineHarness(NOW)) {
            h.send(heatMeter("HM-1", "I.1"));
            h.send(heatSeries(List.of(reading("HM-1", 0, 100, 1), reading("HM-1", 60, 110, 1), reading("HM-1", 120, 105, 1))));
            h.flush();
            assertThat(h.rejected()).singleElement().satisfies(r -> {
                assertThat(r.getReasonCode()).isEqualTo(ReasonCode.INVALID_VALUE);
                assertThat(r.getSourceTopic()).isEqualTo(Topics.DISTRICT_HEATING_SERIES);
                assertThat(r.getReason()).contains("went down");
            });
            assertThat(h.latest(Granularity.HOUR)).isEmpty();
            assertThat(h.counters()).containsEntry("in", 1L).containsEntry("rejected.INVALID_VALUE", 1L);
        }
    }

    @Test
    void shouldRejectASeriesWhoseReadingsAreNotAscendingOrEmpty() {
        try (PipelineHarness h = new PipelineHarness(NOW)) {
            h.send(heatMeter("HM-1", "I.1"));
            h.send(heatSeries(List.of(reading("HM-1", 60, 100, 1), reading("HM-1", 0, 90, 1))));
            h.send(heatSeries(List.of(reading("HM-1", 60, 100, 1), reading("HM-1", 60, 100, 1))));
            var empty = heatSeries(List.of(reading("HM-1", 0, 100, 1)));
            empty.setReadings(new ArrayList<>());
            h.send(empty);
            h.flush();
            assertThat(h.rejected()).extracting(RejectedRecord::getReasonCode).containsOnly(ReasonCode.INVALID_VALUE).hasSize(3);
            assertThat(h.rejected().get(0).getReason()).contains("strictly ascending readAt");
            assertThat(h.rejected().get(2).getReason()).contains("1 to 35136 readings");
        }
    }

    @Test
    void shouldParkASeriesOfAnUnknownMeterAndCountItWhenTheMeterArrives() {
        try (PipelineHarness h = new PipelineHarness(NOW)) {
            h.send(heatSeries(List.of(reading("HM-9", 0, 100, 1), reading("HM-9", 60, 101, 1), reading("HM-9", 120, 103, 1))));
            h.flush();
            assertThat(h.counters()).containsEntry("parked", 1L);
            h.send(heatMeter("HM-9", "I.1"));
            h.flush();
            assertThat(h.latest(Granularity.DAY).values()).singleElement().extracting(SectorEmissions::getEnergyWh).isEqualTo(3_000L);
            assertThat(h.counters()).containsEntry("accepted", 1L);
        }
    }

    @Test
    void shouldCheckASeriesAgainstTheReadingsAroundIt() {
        try (PipelineHarness h = new PipelineHarness(NOW)) {
            h.send(heatMeter("HM-1", "I.1"));
            h.send(reading("HM-1", 0, 100, 1));
            h.send(reading("HM-1", 240, 200, 1));
            // fits between the two stored readings: accepted, and restates the hours between them
            h.send(heatSeries(List.of(reading("HM-1", 60, 110, 2), reading("HM-1", 120, 150, 2))));
            // its last reading lies above the stored one after it: rejected whole
            h.send(heatSeries(List.of(reading("HM-1", 180, 160, 3), reading("HM-1", 200, 210, 3))));
            h.flush();
            assertThat(h.rejected()).singleElement().extracting(RejectedRecord::getReasonCode).isEqualTo(ReasonCode.INVALID_VALUE);
            Map<Instant, Long> hours = new TreeMap<>();
            h.latest(Granularity.HOUR).values().forEach(s -> hours.put(s.getWindowStart(), s.getEnergyWh()));
            assertThat(hours).containsExactlyEntriesOf(new TreeMap<>(Map.of(T0, 10_000L, T0.plusSeconds(3600), 40_000L,
                    T0.plusSeconds(7200), 25_000L, T0.plusSeconds(10_800), 25_000L)));
            assertThat(h.counters()).containsEntry("accepted", 3L);
        }
    }

    @Test
    void shouldTakeAReplacementInsideASeries() {
        try (PipelineHarness h = new PipelineHarness(NOW)) {
            h.send(heatMeter("HM-1", "I.1"));
            var removed = heat("HM-1", T0.plus(Duration.ofMinutes(60)), 110, EnergyUnit.KWH, Instant.ofEpochMilli(1), HeatReadingEvent.METER_REMOVED);
            var installed = heat("HM-1", T0.plus(Duration.ofMinutes(120)), 5, EnergyUnit.KWH, Instant.ofEpochMilli(1), HeatReadingEvent.METER_INSTALLED);
            h.send(heatSeries(List.of(reading("HM-1", 0, 100, 1), removed, installed, reading("HM-1", 180, 8, 1))));
            h.flush();
            assertThat(h.rejected()).isEmpty();
            assertThat(h.latest(Granularity.DAY).values()).singleElement().extracting(SectorEmissions::getEnergyWh).isEqualTo(13_000L);
        }
    }
}
