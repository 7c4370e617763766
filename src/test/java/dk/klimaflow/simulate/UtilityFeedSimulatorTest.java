package dk.klimaflow.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dk.klimaflow.avro.DistrictHeatingReading;
import dk.klimaflow.avro.Edition;
import dk.klimaflow.avro.ElectricityTimeSeries;
import dk.klimaflow.avro.EmissionFactor;
import dk.klimaflow.avro.MeteringPoint;
import dk.klimaflow.avro.Point;
import dk.klimaflow.avro.Quality;
import dk.klimaflow.avro.Resolution;
import dk.klimaflow.config.Topics;
import dk.klimaflow.simulate.SimulationStats.Event;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class UtilityFeedSimulatorTest {
    private static final Instant FROM = Instant.parse("2024-01-15T00:00:00Z");
    private static final VallensbaekRegister REGISTER = VallensbaekRegister.generate(187, 0.05);

    @Test
    void shouldSendTheRegisterFactorsAndEveryHourOfEveryPointOnceWhenClean() {
        RecordingFeedSink sink = new RecordingFeedSink();
        UtilityFeedSimulator sim = new UtilityFeedSimulator(sink, REGISTER, SimulationConfig.clean(1));

        sim.backfill(FROM, FROM.plus(Duration.ofHours(6)));

        assertThat(sink.values(Topics.METERING_POINTS, MeteringPoint.class)).containsExactlyElementsOf(REGISTER.meteringPoints());
        List<ElectricityTimeSeries> series = sink.values(Topics.ELECTRICITY, ElectricityTimeSeries.class);
        Map<String, Long> hoursPerPoint = series.stream().collect(Collectors.groupingBy(ElectricityTimeSeries::getMeteringPointId,
                Collectors.summingLong(s -> s.getPoints().size() / (s.getResolution() == Resolution.PT1H ? 1 : 4))));
        assertThat(hoursPerPoint).hasSize(REGISTER.electricity().size()).allSatisfy((id, hours) -> assertThat(hours).isEqualTo(6));
        assertThat(series).anyMatch(s -> s.getResolution() == Resolution.PT1H).anyMatch(s -> s.getResolution() == Resolution.PT15M);
        assertThat(sink.values(Topics.DISTRICT_HEATING, DistrictHeatingReading.class)).hasSize(REGISTER.districtHeating().size() * 6);
        List<EmissionFactor> factors = sink.values(Topics.EMISSION_FACTORS, EmissionFactor.class);
        assertThat(factors.stream().filter(f -> f.getEdition() == Edition.ACTUAL && f.getArea().equals("DK2"))).hasSize(6);
        assertThat(factors.stream().filter(f -> f.getEdition() == Edition.FORECAST)).hasSize(6 + 24);
        assertThat(factors.stream().filter(f -> f.getArea().equals("VEKS-VALLENSBAEK"))).hasSize(1);
        assertThat(sim.stats().simulatedNow()).isEqualTo(FROM.plus(Duration.ofHours(6)));
        assertThat(sim.stats().records(Topics.ELECTRICITY)).isEqualTo(series.size());
        assertThat(sim.stats().totalRecords()).isEqualTo(sink.size());
    }

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
        for (ElectricityTimeSeries withMissing : series.stream().filter(UtilityFeedSimulatorTest::hasMissing).toList()) {
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
    void shouldIncreaseHeatRegistersExceptWhenAMeterIsReplaced() {
        RecordingFeedSink sink = new RecordingFeedSink();
        UtilityFeedSimulator sim = new UtilityFeedSimulator(sink, REGISTER, SimulationConfig.builder().seed(9).meterReplacementRate(0.005)
                .lateRate(0.02).duplicateRate(0.02).build());

        sim.backfill(FROM, FROM.plus(Duration.ofHours(48)));
        sim.flushPending();

        Map<String, List<DistrictHeatingReading>> byMeter = sink.values(Topics.DISTRICT_HEATING, DistrictHeatingReading.class).stream()
                .distinct().collect(Collectors.groupingBy(DistrictHeatingReading::getMeterId));
        long drops = 0;
        long rises = 0;
        for (List<DistrictHeatingReading> readings : byMeter.values()) {
            List<DistrictHeatingReading> ordered = readings.stream().sorted((a, b) -> a.getReadAt().compareTo(b.getReadAt())).toList();
            assertThat(ordered).hasSize(48);
            for (int i = 1; i < ordered.size(); i++) {
                double before = ordered.get(i - 1).getEnergyRegister();
                double after = ordered.get(i).getEnergyRegister();
                if (after < before) {
                    drops++;
                    // a new meter starts below 2 kWh and has counted one hour's heat (at most 5 x an average hour)
                    double hourMaxWh = REGISTER.annualKwh(ordered.get(i).getMeterId()) * 1_000 * 5 / 8_760;
                    assertThat(wh(ordered.get(i))).as("register after replacement").isLessThan(2_000 + hourMaxWh);
                } else if (after > before) {
                    rises++;
                }
            }
        }
        assertThat(drops).isPositive().isEqualTo(sim.stats().count(Event.METER_REPLACEMENT));
        assertThat(rises).isGreaterThan(byMeter.size() * 10L);
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

    @Test
    void shouldSendTheSameRecordsForTheSameSeed() {
        SimulationConfig config = SimulationConfig.builder().seed(21).duplicateRate(0.02).correctionRate(0.02).missingRate(0.02)
                .lateRate(0.02).meterReplacementRate(0.01).badRecordRate(BadRecordKind.NOT_WIRE_FORMAT, 0.01)
                .badRecordRate(BadRecordKind.UNKNOWN_METERING_POINT, 0.01).build();
        RecordingFeedSink first = new RecordingFeedSink();
        RecordingFeedSink second = new RecordingFeedSink();

        new UtilityFeedSimulator(first, REGISTER, config).backfill(FROM, FROM.plus(Duration.ofHours(10)));
        new UtilityFeedSimulator(second, REGISTER, config).backfill(FROM, FROM.plus(Duration.ofHours(10)));
        RecordingFeedSink other = new RecordingFeedSink();
        new UtilityFeedSimulator(other, REGISTER, SimulationConfig.builder().seed(22).build()).backfill(FROM, FROM.plus(Duration.ofHours(10)));

        assertThat(first.size()).isEqualTo(second.size());
        for (int i = 0; i < first.size(); i++) {
            RecordingFeedSink.Sent a = first.sent().get(i);
            RecordingFeedSink.Sent b = second.sent().get(i);
            assertThat(b.topic()).isEqualTo(a.topic());
            assertThat(b.key()).isEqualTo(a.key());
            assertThat(b.value()).isEqualTo(a.value());
            assertThat(b.rawValue()).isEqualTo(a.rawValue());
        }
        assertThat(other.values(Topics.ELECTRICITY, ElectricityTimeSeries.class)).isNotEqualTo(first.values(Topics.ELECTRICITY, ElectricityTimeSeries.class));
    }

    @Test
    void shouldContinueABackfillWithoutRepeatingHours() {
        RecordingFeedSink sink = new RecordingFeedSink();
        UtilityFeedSimulator sim = new UtilityFeedSimulator(sink, REGISTER, SimulationConfig.clean(2));

        sim.backfill(FROM, FROM.plus(Duration.ofHours(3)));
        sim.backfill(FROM, FROM.plus(Duration.ofHours(5)));

        assertThat(sink.values(Topics.DISTRICT_HEATING, DistrictHeatingReading.class)).hasSize(REGISTER.districtHeating().size() * 5);
        assertThat(sink.values(Topics.METERING_POINTS, MeteringPoint.class)).hasSize(REGISTER.size());
        assertThat(sim.simulatedNow()).isEqualTo(FROM.plus(Duration.ofHours(5)));
    }

    @Test
    void shouldPublishOneHeatDeclarationPerLocalYearInAnnualMode() {
        RecordingFeedSink sink = new RecordingFeedSink();
        UtilityFeedSimulator sim = new UtilityFeedSimulator(sink, VallensbaekRegister.generate(187, 0.01),
                SimulationConfig.builder().seed(1).heatFactors(HeatFactorMode.ANNUAL_DECLARATION).build());

        sim.backfill(Instant.parse("2024-12-31T20:00:00Z"), Instant.parse("2025-01-01T02:00:00Z"));

        assertThat(sink.values(Topics.EMISSION_FACTORS, EmissionFactor.class).stream().filter(f -> f.getArea().equals("VEKS-VALLENSBAEK")))
                .extracting(f -> f.getEdition() + " " + f.getValidFrom())
                .containsExactly("DECLARATION 2023-12-31T23:00:00Z", "DECLARATION 2024-12-31T23:00:00Z");
    }

    @Test
    void shouldSummariseWhatWasSent() {
        UtilityFeedSimulator sim = new UtilityFeedSimulator(new RecordingFeedSink(), VallensbaekRegister.generate(187, 0.01), SimulationConfig.defaults());

        sim.backfill(FROM, FROM.plus(Duration.ofHours(2)));

        assertThat(sim.stats().summary()).contains("simulated up to 2024-01-15T02:00:00Z (2 h)", Topics.ELECTRICITY + ": ",
                Topics.METERING_POINTS + ": ", "duplicate=", "not_wire_format=", "(MALFORMED)", "unknown_metering_point=");
    }

    @Test
    void shouldRefuseARateOutsideZeroToOne() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SimulationConfig.builder().duplicateRate(1.5).build())
                .hasMessageContaining("between 0 and 1");
    }

    @Test
    void shouldRunLiveOneHourPerSeriesUntilStopped() throws Exception {
        RecordingFeedSink sink = new RecordingFeedSink();
        VallensbaekRegister small = VallensbaekRegister.generate(187, 0.01);
        UtilityFeedSimulator sim = new UtilityFeedSimulator(sink, small, SimulationConfig.clean(4));
        Thread live = live(sim, FROM, 3_600_000);

        awaitUntil(() -> sim.stats().simulatedHours() >= 5);
        sim.stop();
        live.join(10_000);

        assertThat(live.isAlive()).isFalse();
        long hours = sim.stats().simulatedHours();
        assertThat(sim.simulatedNow()).isEqualTo(FROM.plus(Duration.ofHours(hours)));
        assertThat(sink.values(Topics.ELECTRICITY, ElectricityTimeSeries.class)).hasSize((int) (small.electricity().size() * hours))
                .allSatisfy(s -> assertThat(s.getSentAt()).isEqualTo(s.getPeriodStart().plus(Duration.ofHours(1))));
        assertThat(sink.values(Topics.DISTRICT_HEATING, DistrictHeatingReading.class)).hasSize((int) (small.districtHeating().size() * hours));
    }

    @Test
    void shouldNotRunPastTheWallClockWhenCapped() throws Exception {
        RecordingFeedSink sink = new RecordingFeedSink();
        Clock wall = Clock.fixed(FROM.plus(Duration.ofMinutes(5 * 60 + 30)), ZoneOffset.UTC);
        UtilityFeedSimulator sim = new UtilityFeedSimulator(sink, VallensbaekRegister.generate(187, 0.01),
                SimulationConfig.builder().seed(4).capAtWallClock(true).build(), wall);
        Thread live = live(sim, FROM, 1e9);

        awaitUntil(() -> sim.stats().simulatedHours() >= 5);
        sim.stop();
        live.join(10_000);

        assertThat(live.isAlive()).isFalse();
        assertThat(sim.stats().simulatedHours()).isEqualTo(5);
        assertThat(sim.simulatedNow()).isEqualTo(FROM.plus(Duration.ofHours(5)));
    }

    @Test
    void shouldContinueLiveWhereTheBackfillEnded() throws Exception {
        RecordingFeedSink sink = new RecordingFeedSink();
        UtilityFeedSimulator sim = new UtilityFeedSimulator(sink, VallensbaekRegister.generate(187, 0.01), SimulationConfig.clean(4));
        sim.backfill(FROM, FROM.plus(Duration.ofHours(4)));
        Thread live = live(sim, FROM, 3_600_000);

        awaitUntil(() -> sim.stats().simulatedHours() >= 8);
        sim.stop();
        live.join(10_000);

        Map<Instant, Long> perHour = sink.values(Topics.DISTRICT_HEATING, DistrictHeatingReading.class).stream()
                .collect(Collectors.groupingBy(DistrictHeatingReading::getReadAt, Collectors.counting()));
        assertThat(perHour.values()).containsOnly((long) VallensbaekRegister.generate(187, 0.01).districtHeating().size());
        assertThat(sink.values(Topics.METERING_POINTS, MeteringPoint.class)).hasSize(VallensbaekRegister.generate(187, 0.01).size());
    }

    private static Thread live(UtilityFeedSimulator sim, Instant start, double acceleration) {
        Thread thread = new Thread(() -> {
            try {
                sim.runLive(start, acceleration);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "simulator-under-test");
        thread.start();
        return thread;
    }

    private static void awaitUntil(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 20 s").isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
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

    private static double wh(DistrictHeatingReading r) {
        return switch (r.getUnit()) {
            case KWH -> r.getEnergyRegister() * 1_000;
            case MWH -> r.getEnergyRegister() * 1_000_000;
            case GJ -> r.getEnergyRegister() * 277_777.78;
        };
    }
}
