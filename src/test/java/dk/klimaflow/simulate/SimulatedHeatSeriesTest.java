package dk.klimaflow.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dk.klimaflow.avro.DistrictHeatingReading;
import dk.klimaflow.avro.DistrictHeatingSeries;
import dk.klimaflow.avro.ElectricityTimeSeries;
import dk.klimaflow.avro.HeatReadingEvent;
import dk.klimaflow.avro.HeatRegisterPoint;
import dk.klimaflow.config.Topics;
import dk.klimaflow.domain.HeatSeries;
import dk.klimaflow.simulate.SimulationStats.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The backfill's heat-meter exports: a step of several hours sends each meter's readings as one DistrictHeatingSeries on
 * energy.district-heating.series, carrying exactly the readings the hour-by-hour delivery sends one by one.
 */
class SimulatedHeatSeriesTest {
    private static final Instant FROM = Instant.parse("2024-01-15T00:00:00Z");
    private static final VallensbaekRegister REGISTER = VallensbaekRegister.generate(187, 0.05);
    private static final int METERS = REGISTER.districtHeating().size();

    private static SimulationConfig.Builder clean(int seriesHours) {
        return SimulationConfig.builder().seed(5).duplicateRate(0).correctionRate(0).lateRate(0).missingRate(0).estimatedRate(0)
                .meterReplacementRate(0).badRecordRates(Map.of()).backfillSeriesHours(seriesHours);
    }

    private static RecordingFeedSink backfill(SimulationConfig config, int hours) {
        RecordingFeedSink sink = new RecordingFeedSink();
        UtilityFeedSimulator sim = new UtilityFeedSimulator(sink, REGISTER, config);
        sim.backfill(FROM, FROM.plus(Duration.ofHours(hours)));
        sim.flushPending();
        return sink;
    }

    @Test
    void shouldSendEachHeatMetersBackfillStepAsOneSeriesOfTheHourByHourReadings() {
        RecordingFeedSink bulk = backfill(clean(4).build(), 8);
        RecordingFeedSink hourly = backfill(clean(1).build(), 8);

        List<DistrictHeatingSeries> series = bulk.values(Topics.DISTRICT_HEATING_SERIES, DistrictHeatingSeries.class);
        assertThat(bulk.values(Topics.DISTRICT_HEATING, DistrictHeatingReading.class)).isEmpty();
        assertThat(series).hasSize(METERS * 2).allSatisfy(s -> {
            assertThat(s.getReadings()).hasSize(4).extracting(HeatRegisterPoint::getReadAt).isSorted().doesNotHaveDuplicates();
            assertThat(s.getSentAt()).isIn(FROM.plus(Duration.ofHours(4)), FROM.plus(Duration.ofHours(8)))
                    .isEqualTo(s.getReadings().get(3).getReadAt());
            assertThat(s.getReadings()).extracting(HeatRegisterPoint::getEvent).containsOnly(HeatReadingEvent.READING);
        });
        assertThat(bulk.sent()).filteredOn(s -> s.topic().equals(Topics.DISTRICT_HEATING_SERIES))
                .allSatisfy(s -> assertThat(s.key()).isEqualTo(((DistrictHeatingSeries) s.value()).getMeterId()));
        assertThat(hourly.values(Topics.DISTRICT_HEATING_SERIES, DistrictHeatingSeries.class)).isEmpty();
        Map<String, List<DistrictHeatingReading>> expected = perMeter(unsent(heatReadings(hourly)));
        assertThat(expected).hasSize(METERS).allSatisfy((meter, readings) -> assertThat(readings).hasSize(8));
        assertThat(perMeter(unsent(heatReadings(bulk)))).isEqualTo(expected);
    }

    @Test
    void shouldSplitTheSeriesAroundAMeterReplacementSentOnTimeAsSingleRecords() {
        int stepHours = 6;
        RecordingFeedSink bulk = backfill(clean(stepHours).meterReplacementRate(0.01).build(), 24);
        RecordingFeedSink hourly = backfill(clean(1).meterReplacementRate(0.01).build(), 24);

        // same readings and replacements in the same order per meter: the events come after the readings before them and
        // before the readings after them
        List<DistrictHeatingReading> expected = heatReadings(hourly);
        assertThat(expected).anyMatch(r -> r.getEvent() == HeatReadingEvent.METER_REMOVED);
        assertThat(perMeter(unsent(heatReadings(bulk)))).isEqualTo(perMeter(unsent(expected)));
        List<DistrictHeatingReading> events = bulk.values(Topics.DISTRICT_HEATING, DistrictHeatingReading.class);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.getEvent()).isNotEqualTo(HeatReadingEvent.READING);
            assertThat(e.getSentAt()).isEqualTo(stepEnd(e.getReadAt().plus(Duration.ofHours(1)), stepHours));
        });
        List<DistrictHeatingSeries> series = bulk.values(Topics.DISTRICT_HEATING_SERIES, DistrictHeatingSeries.class);
        assertThat(series).allSatisfy(s -> assertThat(s.getReadings()).extracting(HeatRegisterPoint::getEvent).containsOnly(HeatReadingEvent.READING));
        // a replacement inside a step splits its series in two; one at the step's start does not
        long inside = events.stream().filter(e -> e.getEvent() == HeatReadingEvent.METER_REMOVED)
                .filter(e -> Duration.between(FROM, e.getReadAt()).toHours() % stepHours != 0).count();
        assertThat(inside).isPositive();
        assertThat(series).hasSize((int) (METERS * 4 + inside));
    }

    @Test
    void shouldHoldALateReadingBackAsASingleRecordOutsideItsSeries() {
        RecordingFeedSink bulk = backfill(clean(4).lateRate(0.05).build(), 12);

        List<DistrictHeatingReading> late = bulk.values(Topics.DISTRICT_HEATING, DistrictHeatingReading.class);
        assertThat(late).isNotEmpty().allSatisfy(r -> {
            assertThat(r.getEvent()).isEqualTo(HeatReadingEvent.READING);
            assertThat(Duration.between(stepEnd(r.getReadAt(), 4), r.getSentAt()).toHours()).isBetween(2L, 6L);
        });
        Set<String> inSeries = new HashSet<>();
        for (DistrictHeatingSeries s : bulk.values(Topics.DISTRICT_HEATING_SERIES, DistrictHeatingSeries.class)) {
            assertThat(s.getSentAt()).isEqualTo(stepEnd(s.getReadings().get(0).getReadAt(), 4));
            s.getReadings().forEach(p -> assertThat(inSeries.add(s.getMeterId() + "@" + p.getReadAt())).isTrue());
        }
        assertThat(late).allSatisfy(r -> assertThat(inSeries).doesNotContain(r.getMeterId() + "@" + r.getReadAt()));
        assertThat(inSeries.size() + late.size()).isEqualTo(METERS * 12);
        assertThat(perMeter(heatReadings(bulk))).hasSize(METERS).allSatisfy((m, readings) ->
                assertThat(readings.stream().map(DistrictHeatingReading::getReadAt).distinct()).hasSize(12));
    }

    @Test
    void shouldDuplicateAWholeSeries() {
        UtilityFeedSimulator sim;
        RecordingFeedSink bulk = new RecordingFeedSink();
        sim = new UtilityFeedSimulator(bulk, REGISTER, clean(4).duplicateRate(0.05).build());
        sim.backfill(FROM, FROM.plus(Duration.ofHours(12)));
        sim.flushPending();

        List<DistrictHeatingSeries> series = bulk.values(Topics.DISTRICT_HEATING_SERIES, DistrictHeatingSeries.class);
        List<ElectricityTimeSeries> electricity = bulk.values(Topics.ELECTRICITY, ElectricityTimeSeries.class);
        Map<DistrictHeatingSeries, Long> copies = series.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        assertThat(copies).hasSize(METERS * 3).allSatisfy((s, n) -> {
            assertThat(s.getReadings()).hasSize(4);
            assertThat(n).isBetween(1L, 2L);
        });
        long heatDuplicates = series.size() - copies.size();
        assertThat(heatDuplicates).isBetween((long) (0.05 * METERS * 3 * 0.6), (long) (0.05 * METERS * 3 * 1.4));
        assertThat(heatDuplicates + electricity.size() - electricity.stream().distinct().count()).isEqualTo(sim.stats().count(Event.DUPLICATE));
        assertThat(bulk.values(Topics.DISTRICT_HEATING, DistrictHeatingReading.class)).isEmpty();
    }

    @Test
    void shouldCountHeatReadingsSentAloneOrInASeriesAndRecordsPerTopic() {
        RecordingFeedSink sink = new RecordingFeedSink();
        UtilityFeedSimulator sim = new UtilityFeedSimulator(sink, REGISTER,
                clean(4).meterReplacementRate(0.01).lateRate(0.02).duplicateRate(0.02).build());

        sim.backfill(FROM, FROM.plus(Duration.ofHours(9)));
        sim.flushPending();

        SimulationStats stats = sim.stats();
        assertThat(sink.values(Topics.DISTRICT_HEATING_SERIES, DistrictHeatingSeries.class)).isNotEmpty();
        assertThat(stats.records(Topics.DISTRICT_HEATING_SERIES)).isEqualTo(sink.values(Topics.DISTRICT_HEATING_SERIES, DistrictHeatingSeries.class).size());
        assertThat(stats.records(Topics.DISTRICT_HEATING)).isEqualTo(sink.values(Topics.DISTRICT_HEATING, DistrictHeatingReading.class).size());
        assertThat(stats.heatReadings()).isEqualTo(heatReadings(sink).size()).isGreaterThan(METERS * 9L);
        assertThat(stats.totalRecords()).isEqualTo(sink.size());
        assertThat(stats.summary()).contains("heat readings: " + stats.heatReadings());
        // the backfill's last step is a single hour: sent reading by reading, as live
        Instant last = FROM.plus(Duration.ofHours(9));
        assertThat(sink.values(Topics.DISTRICT_HEATING_SERIES, DistrictHeatingSeries.class))
                .allSatisfy(s -> assertThat(s.getSentAt()).isBefore(last));
        assertThat(sink.values(Topics.DISTRICT_HEATING, DistrictHeatingReading.class).stream()
                .filter(r -> r.getReadAt().equals(last) && r.getEvent() == HeatReadingEvent.READING).map(DistrictHeatingReading::getMeterId).distinct())
                .hasSize(METERS);
    }

    @Test
    void shouldListEveryTopicItSendsReadingsToAsReadingTopicsForPacing() {
        SimulationConfig.Builder config = SimulationConfig.builder().seed(17).meterReplacementRate(0.01).lateRate(0.02).duplicateRate(0.02);
        for (BadRecordKind kind : BadRecordKind.values()) {
            config.badRecordRate(kind, 0.01);
        }
        RecordingFeedSink sink = backfill(config.build(), 8);

        Set<String> readingTopics = sink.sent().stream().map(RecordingFeedSink.Sent::topic)
                .filter(t -> !t.equals(Topics.METERING_POINTS) && !t.equals(Topics.EMISSION_FACTORS)).collect(Collectors.toSet());
        assertThat(readingTopics).contains(Topics.DISTRICT_HEATING_SERIES);
        assertThat(UtilityFeedSimulator.READING_TOPICS).containsAll(readingTopics);
    }

    /** Every heat reading sent, alone or in a series (expanded), in send order. */
    static List<DistrictHeatingReading> heatReadings(RecordingFeedSink sink) {
        List<DistrictHeatingReading> out = new ArrayList<>();
        for (RecordingFeedSink.Sent s : sink.sent()) {
            if (s.value() instanceof DistrictHeatingReading r && s.topic().equals(Topics.DISTRICT_HEATING)) {
                out.add(r);
            } else if (s.value() instanceof DistrictHeatingSeries series && s.topic().equals(Topics.DISTRICT_HEATING_SERIES)) {
                out.addAll(HeatSeries.readings(series));
            }
        }
        return out;
    }

    private static Map<String, List<DistrictHeatingReading>> perMeter(List<DistrictHeatingReading> readings) {
        Map<String, List<DistrictHeatingReading>> out = new LinkedHashMap<>();
        readings.forEach(r -> out.computeIfAbsent(r.getMeterId(), k -> new ArrayList<>()).add(r));
        return out;
    }

    /** The readings with sentAt blanked (the hour-by-hour path sends at each hour's end, a series at its step's end). */
    private static List<DistrictHeatingReading> unsent(List<DistrictHeatingReading> readings) {
        return readings.stream().map(r -> new DistrictHeatingReading(r.getMeterId(), r.getUtilityId(), r.getReadAt(), r.getEnergyRegister(),
                r.getUnit(), r.getVolumeM3(), r.getFlowTempC(), r.getReturnTempC(), Instant.EPOCH, r.getEvent())).toList();
    }

    /** End of the backfill step of {@code stepHours} from FROM whose hours end at {@code readAt}. */
    private static Instant stepEnd(Instant readAt, int stepHours) {
        long hours = Duration.between(FROM, readAt).toHours();
        long end = (hours + stepHours - 1) / stepHours * stepHours;
        return FROM.plus(Duration.ofHours(end));
    }
}
