package dk.klimaflow.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dk.klimaflow.avro.DistrictHeatingReading;
import dk.klimaflow.avro.ElectricityTimeSeries;
import dk.klimaflow.avro.Point;
import dk.klimaflow.avro.Quality;
import dk.klimaflow.avro.Resolution;
import dk.klimaflow.config.Topics;
import dk.klimaflow.simulate.SimulationStats.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SimulatedAnomaliesTest {
    private static final Instant FROM = Instant.parse("2024-01-15T00:00:00Z");
    private static final VallensbaekRegister REGISTER = VallensbaekRegister.generate(187, 0.05);

    @Test
    void shouldDuplicateAndCorrectAtTheConfiguredRates() {
        RecordingFeedSink sink = new RecordingFeedSink();
        SimulationConfig config = SimulationConfig.builder().seed(7).duplicateRate(0.03).correctionRate(0.04).lateRate(0).missingRate(0)
                .estimatedRate(0).badRecordRates(Map.of()).meterReplacementRate(0).backfillSeriesHours(1).build();
        UtilityFeedSimulator sim = new UtilityFeedSimulator(sink, REGISTER, config);

        sim.backfill(FROM, FROM.plus(Duration.ofHours(24)));
        sim.flushPending();

        List<ElectricityTimeSeries> series = sink.values(Topics.ELECTRICITY, ElectricityTimeSeries.class);
        List<DistrictHeatingReading> heat = sink.values(Topics.DISTRICT_HEATING, DistrictHeatingReading.class);
        long produced = REGISTER.electricity().size() * 24L;
        long duplicates = (series.size() - series.stream().distinct().count()) + (heat.size() - heat.stream().distinct().count());
        Map<String, Set<Instant>> versions = new HashMap<>();
        series.stream().distinct().forEach(s -> versions.computeIfAbsent(s.getMeteringPointId() + s.getPeriodStart(), k -> new HashSet<>()).add(s.getSentAt()));
        long corrections = versions.values().stream().mapToLong(v -> v.size() - 1).sum();

        assertThat(versions).hasSize((int) produced);
        assertThat(duplicates).isEqualTo(sim.stats().count(Event.DUPLICATE))
                .isBetween((long) (0.03 * (produced + heat.size()) * 0.75), (long) (0.03 * (produced + heat.size()) * 1.25));
        assertThat(corrections).isEqualTo(sim.stats().count(Event.CORRECTION)).isBetween((long) (0.04 * produced * 0.75), (long) (0.04 * produced * 1.25));
    }

    @Test
    void shouldSendCorrectionsWithALaterSentAtAndOtherValues() {
        RecordingFeedSink sink = new RecordingFeedSink();
        UtilityFeedSimulator sim = new UtilityFeedSimulator(sink, REGISTER, SimulationConfig.builder().seed(3).correctionRate(0.05)
                .duplicateRate(0).lateRate(0).missingRate(0).badRecordRates(Map.of()).build());

        sim.backfill(FROM, FROM.plus(Duration.ofHours(8)));
        sim.flushPending();

        Map<String, List<ElectricityTimeSeries>> byInterval = sink.values(Topics.ELECTRICITY, ElectricityTimeSeries.class).stream()
                .collect(Collectors.groupingBy(s -> s.getMeteringPointId() + s.getPeriodStart()));
        List<List<ElectricityTimeSeries>> corrected = byInterval.values().stream().filter(v -> v.size() > 1).toList();
        assertThat(corrected).isNotEmpty().allSatisfy(v -> {
            assertThat(v).hasSize(2);
            assertThat(v.get(1).getSentAt()).isAfter(v.get(0).getSentAt());
            assertThat(v.get(1).getPoints()).isNotEqualTo(v.get(0).getPoints());
        });
    }

    @Test
    void shouldKeepEveryValidSeriesValidAndNullOnlyForMissing() {
        RecordingFeedSink sink = new RecordingFeedSink();
        SimulationConfig config = SimulationConfig.builder().seed(11).missingRate(0.02).estimatedRate(0.05).lateRate(0.02)
                .duplicateRate(0.02).correctionRate(0.02).badRecordRates(Map.of()).build();
        UtilityFeedSimulator sim = new UtilityFeedSimulator(sink, REGISTER, config);

        sim.backfill(FROM, FROM.plus(Duration.ofHours(12)));
        sim.flushPending();

        List<ElectricityTimeSeries> series = sink.values(Topics.ELECTRICITY, ElectricityTimeSeries.class);
        assertThat(series).allSatisfy(s -> {
            assertThat(REGISTER.contains(s.getMeteringPointId())).isTrue();
            assertThat(s.getUtilityId()).isEqualTo(VallensbaekRegister.GRID_COMPANY);
            assertThat(s.getPoints().size()).isEqualTo(s.getResolution() == Resolution.PT1H ? 4 : 16);
            for (Point p : s.getPoints()) {
                assertThat(p.getQuantityWh() == null).isEqualTo(p.getQuality() == Quality.MISSING);
                assertThat(p.getQuantityWh() == null || p.getQuantityWh() >= 0).isTrue();
            }
        });
        assertThat(sim.stats().count(Event.MISSING)).isPositive().isEqualTo(sim.stats().count(Event.MISSING_FILLED));
        assertThat(sim.stats().count(Event.ESTIMATED)).isPositive();
        assertThat(sim.stats().count(Event.LATE)).isPositive();
        for (ElectricityTimeSeries withMissing : series.stream().filter(SimulatedAnomaliesTest::hasMissing).toList()) {
            assertThat(series).anyMatch(s -> s.getMeteringPointId().equals(withMissing.getMeteringPointId())
                    && s.getPeriodStart().equals(withMissing.getPeriodStart()) && s.getSentAt().isAfter(withMissing.getSentAt()) && !hasMissing(s));
        }
    }

    @Test
    void shouldSendLateSeriesWithTheirLaterSentAt() {
        RecordingFeedSink sink = new RecordingFeedSink();
        UtilityFeedSimulator sim = new UtilityFeedSimulator(sink, REGISTER, SimulationConfig.builder().seed(5).lateRate(0.05)
                .duplicateRate(0).correctionRate(0).missingRate(0).badRecordRates(Map.of()).backfillSeriesHours(1).build());

        sim.backfill(FROM, FROM.plus(Duration.ofHours(12)));

        List<ElectricityTimeSeries> late = sink.values(Topics.ELECTRICITY, ElectricityTimeSeries.class).stream()
                .filter(s -> Duration.between(s.getPeriodStart(), s.getSentAt()).toHours() >= 3).toList();
        assertThat(late).isNotEmpty().allSatisfy(s -> assertThat(Duration.between(s.getPeriodStart(), s.getSentAt()).toHours()).isBetween(3L, 7L));
    }

    @Test
    void shouldSendBadRecordsOfEveryKindAndPublishUnknownPointsLater() {
        RecordingFeedSink sink = new RecordingFeedSink();
        SimulationConfig.Builder builder = SimulationConfig.builder().seed(13);
        for (BadRecordKind kind : BadRecordKind.values()) {
            builder.badRecordRate(kind, 0.01);
        }
        UtilityFeedSimulator sim = new UtilityFeedSimulator(sink, REGISTER, builder.build());

        sim.backfill(FROM, FROM.plus(Duration.ofHours(8)));
        sim.flushPending();

        SimulationStats stats = sim.stats();
        for (BadRecordKind kind : BadRecordKind.values()) {
            assertThat(stats.badRecords(kind)).as(kind.name()).isPositive();
        }
        List<ElectricityTimeSeries> series = sink.values(Topics.ELECTRICITY, ElectricityTimeSeries.class);
        assertThat(series.stream().filter(s -> s.getUtilityId().equals(ElectricityFeed.OTHER_GRID_COMPANY))).hasSize((int) stats.badRecords(BadRecordKind.WRONG_UTILITY));
        assertThat(series.stream().filter(s -> s.getPoints().stream().anyMatch(p -> p.getQuantityWh() != null && p.getQuantityWh() < 0)))
                .hasSize((int) stats.badRecords(BadRecordKind.NEGATIVE_QUANTITY));
        List<RecordingFeedSink.Sent> raw = sink.sent().stream().filter(RecordingFeedSink.Sent::raw).toList();
        assertThat(raw).hasSize((int) (stats.badRecords(BadRecordKind.NOT_WIRE_FORMAT) + stats.badRecords(BadRecordKind.UNKNOWN_SCHEMA_ID)));
        assertThat(raw.stream().filter(r -> r.rawValue()[0] != 0)).hasSize((int) stats.badRecords(BadRecordKind.NOT_WIRE_FORMAT));

        List<RecordingFeedSink.Sent> sent = sink.sent();
        Set<String> newcomers = sent.stream().filter(s -> s.topic().equals(Topics.ELECTRICITY) && !s.raw() && !REGISTER.contains(s.key()))
                .map(RecordingFeedSink.Sent::key).collect(Collectors.toSet());
        assertThat(newcomers).hasSize((int) stats.badRecords(BadRecordKind.UNKNOWN_METERING_POINT));
        for (String id : newcomers) {
            int firstReading = indexOf(sent, Topics.ELECTRICITY, id);
            int published = indexOf(sent, Topics.METERING_POINTS, id);
            assertThat(published).as("metering point " + id + " published after its first reading").isGreaterThan(firstReading);
        }
    }

    private static boolean hasMissing(ElectricityTimeSeries s) {
        return s.getPoints().stream().anyMatch(p -> p.getQuality() == Quality.MISSING);
    }

    private static int indexOf(List<RecordingFeedSink.Sent> sent, String topic, String key) {
        for (int i = 0; i < sent.size(); i++) {
            if (sent.get(i).topic().equals(topic) && key.equals(sent.get(i).key())) {
                return i;
            }
        }
        return -1;
    }
}
