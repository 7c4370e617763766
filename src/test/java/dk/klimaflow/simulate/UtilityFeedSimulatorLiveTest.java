package dk.klimaflow.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dk.klimaflow.avro.DistrictHeatingReading;
import dk.klimaflow.avro.DistrictHeatingSeries;
import dk.klimaflow.avro.ElectricityTimeSeries;
import dk.klimaflow.avro.MeteringPoint;
import dk.klimaflow.config.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class UtilityFeedSimulatorLiveTest {
    private static final Instant FROM = Instant.parse("2024-01-15T00:00:00Z");
    private static final VallensbaekRegister SMALL = VallensbaekRegister.generate(187, 0.01);

    @Test
    void shouldRunLiveOneHourPerSeriesUntilStopped() throws Exception {
        RecordingFeedSink sink = new RecordingFeedSink();
        UtilityFeedSimulator sim = new UtilityFeedSimulator(sink, SMALL, SimulationConfig.clean(4));
        Thread live = live(sim, FROM, 3_600_000);

        awaitUntil(() -> sim.stats().simulatedHours() >= 5);
        sim.stop();
        live.join(10_000);

        assertThat(live.isAlive()).isFalse();
        long hours = sim.stats().simulatedHours();
        assertThat(sim.simulatedNow()).isEqualTo(FROM.plus(Duration.ofHours(hours)));
        assertThat(sink.values(Topics.ELECTRICITY, ElectricityTimeSeries.class)).hasSize((int) (SMALL.electricity().size() * hours))
                .allSatisfy(s -> assertThat(s.getSentAt()).isEqualTo(s.getPeriodStart().plus(Duration.ofHours(1))));
        assertThat(sink.values(Topics.DISTRICT_HEATING, DistrictHeatingReading.class)).hasSize((int) (SMALL.districtHeating().size() * hours))
                .allSatisfy(r -> assertThat(r.getSentAt()).isEqualTo(r.getReadAt()));
        assertThat(sink.values(Topics.DISTRICT_HEATING_SERIES, DistrictHeatingSeries.class)).isEmpty();
    }

    @Test
    void shouldNotRunPastTheWallClockWhenCapped() throws Exception {
        RecordingFeedSink sink = new RecordingFeedSink();
        Clock wall = Clock.fixed(FROM.plus(Duration.ofMinutes(5 * 60 + 30)), ZoneOffset.UTC);
        UtilityFeedSimulator sim = new UtilityFeedSimulator(sink, SMALL,
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
        UtilityFeedSimulator sim = new UtilityFeedSimulator(sink, SMALL, SimulationConfig.clean(4));
        sim.backfill(FROM, FROM.plus(Duration.ofHours(4)));
        Thread live = live(sim, FROM, 3_600_000);

        awaitUntil(() -> sim.stats().simulatedHours() >= 8);
        sim.stop();
        live.join(10_000);

        Instant backfilled = FROM.plus(Duration.ofHours(4));
        Map<Instant, Long> perHour = SimulatedHeatSeriesTest.heatReadings(sink).stream()
                .collect(Collectors.groupingBy(DistrictHeatingReading::getReadAt, Collectors.counting()));
        assertThat(perHour).hasSize((int) sim.stats().simulatedHours());
        assertThat(perHour.values()).containsOnly((long) SMALL.districtHeating().size());
        // the backfill's hours in series, the live hours reading by reading
        assertThat(sink.values(Topics.DISTRICT_HEATING_SERIES, DistrictHeatingSeries.class))
                .allSatisfy(s -> assertThat(s.getSentAt()).isEqualTo(backfilled));
        assertThat(sink.values(Topics.DISTRICT_HEATING, DistrictHeatingReading.class))
                .hasSize((int) (SMALL.districtHeating().size() * (sim.stats().simulatedHours() - 4)))
                .allSatisfy(r -> assertThat(r.getReadAt()).isAfter(backfilled));
        assertThat(sink.values(Topics.METERING_POINTS, MeteringPoint.class)).hasSize(SMALL.size());
    }

    @Test
    void shouldSpreadALiveHoursReadingsOverTheSpreadAfterTheHour() throws Exception {
        RecordingFeedSink sink = new RecordingFeedSink();
        Instant now = FROM.plus(Duration.ofHours(2)).plus(Duration.ofMinutes(30)); // the wall clock: half an hour into the spread
        UtilityFeedSimulator sim = new UtilityFeedSimulator(sink, SMALL, SimulationConfig.builder().seed(4).duplicateRate(0).correctionRate(0)
                .lateRate(0).missingRate(0).estimatedRate(0).meterReplacementRate(0).badRecordRates(Map.of())
                .capAtWallClock(true).liveSpread(Duration.ofHours(1)).build(), Clock.fixed(now, ZoneOffset.UTC));
        Thread live = live(sim, FROM, 1e9);
        int perHour = SMALL.electricity().size() + SMALL.districtHeating().size();

        // hour 1 went out whole during hour 2 (its spread ended when hour 2 did); of hour 2, the first half by now
        awaitUntil(() -> sink.values(Topics.ELECTRICITY, ElectricityTimeSeries.class).size()
                + sink.values(Topics.DISTRICT_HEATING, DistrictHeatingReading.class).size() >= perHour + perHour / 2);
        sim.stop();
        live.join(10_000);

        long secondHour = sink.values(Topics.ELECTRICITY, ElectricityTimeSeries.class).stream()
                .filter(s -> s.getPeriodStart().equals(FROM.plus(Duration.ofHours(1)))).count()
                + sink.values(Topics.DISTRICT_HEATING, DistrictHeatingReading.class).stream()
                .filter(r -> r.getReadAt().equals(FROM.plus(Duration.ofHours(2)))).count();
        assertThat(sim.stats().simulatedHours()).isEqualTo(2);
        assertThat(sink.values(Topics.ELECTRICITY, ElectricityTimeSeries.class)).filteredOn(s -> s.getPeriodStart().equals(FROM))
                .hasSize(SMALL.electricity().size());
        assertThat(secondHour).as("about half of hour 2's readings by half past").isBetween((long) perHour / 2 - 1, (long) perHour / 2 + 1);
        assertThat(sink.values(Topics.ELECTRICITY, ElectricityTimeSeries.class))
                .allSatisfy(s -> assertThat(s.getSentAt()).isEqualTo(s.getPeriodStart().plus(Duration.ofHours(1))));
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
}
