package dk.klimaflow.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dk.klimaflow.avro.DistrictHeatingReading;
import dk.klimaflow.avro.HeatReadingEvent;
import dk.klimaflow.simulate.SimulationStats.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SimulatedHeatRegisterTest {
    private static final Instant FROM = Instant.parse("2024-01-15T00:00:00Z");
    private static final VallensbaekRegister REGISTER = VallensbaekRegister.generate(187, 0.05);

    @Test
    void shouldNeverDecreaseAHeatRegisterWithoutAReplacement() {
        RecordingFeedSink sink = new RecordingFeedSink();
        UtilityFeedSimulator sim = new UtilityFeedSimulator(sink, REGISTER, SimulationConfig.builder().seed(9).meterReplacementRate(0)
                .lateRate(0.02).duplicateRate(0.02).build());

        sim.backfill(FROM, FROM.plus(Duration.ofHours(48)));
        sim.flushPending();

        long[] steps = registerSteps(sink, 48);
        assertThat(steps[0]).as("drops").isZero();
        assertThat(steps[1]).as("rises").isGreaterThan(REGISTER.districtHeating().size() * 10L);
    }

    @Test
    void shouldDropAHeatRegisterToNearZeroOnlyWhenTheMeterIsReplaced() {
        RecordingFeedSink sink = new RecordingFeedSink();
        UtilityFeedSimulator sim = new UtilityFeedSimulator(sink, REGISTER, SimulationConfig.builder().seed(9).meterReplacementRate(0.005).build());

        sim.backfill(FROM, FROM.plus(Duration.ofHours(48)));
        sim.flushPending();

        // a replacement before a meter's first reading, or right after another one, shows no drop
        long[] steps = registerSteps(sink, 48);
        assertThat(steps[0]).as("drops").isPositive().isLessThanOrEqualTo(sim.stats().count(Event.METER_REPLACEMENT))
                .isGreaterThanOrEqualTo(sim.stats().count(Event.METER_REPLACEMENT) * 8 / 10);
        // each replacement is announced: the old meter's final and the new meter's start reading, at one instant
        List<DistrictHeatingReading> all = SimulatedHeatSeriesTest.heatReadings(sink).stream().distinct().toList();
        assertThat(all.stream().filter(r -> r.getEvent() == HeatReadingEvent.METER_REMOVED).count())
                .isEqualTo(sim.stats().count(Event.METER_REPLACEMENT));
        assertThat(all.stream().filter(r -> r.getEvent() == HeatReadingEvent.METER_INSTALLED).map(r -> r.getMeterId() + "@" + r.getReadAt()).toList())
                .containsExactlyInAnyOrderElementsOf(all.stream().filter(r -> r.getEvent() == HeatReadingEvent.METER_REMOVED)
                        .map(r -> r.getMeterId() + "@" + r.getReadAt()).toList());
    }

    /**
     * Drops and rises of the meters' registers in readAt order (readings sent alone or in a series); asserts hours readings
     * per meter and near-zero drops.
     */
    private static long[] registerSteps(RecordingFeedSink sink, int hours) {
        Map<String, List<DistrictHeatingReading>> byMeter = SimulatedHeatSeriesTest.heatReadings(sink).stream()
                .distinct().filter(r -> r.getEvent() == HeatReadingEvent.READING).collect(Collectors.groupingBy(DistrictHeatingReading::getMeterId));
        long drops = 0;
        long rises = 0;
        for (List<DistrictHeatingReading> readings : byMeter.values()) {
            List<DistrictHeatingReading> ordered = readings.stream().sorted((a, b) -> a.getReadAt().compareTo(b.getReadAt())).toList();
            assertThat(ordered).hasSize(hours);
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
        return new long[] {drops, rises};
    }

    private static double wh(DistrictHeatingReading r) {
        return switch (r.getUnit()) {
            case KWH -> r.getEnergyRegister() * 1_000;
            case MWH -> r.getEnergyRegister() * 1_000_000;
            case GJ -> r.getEnergyRegister() * 277_777.78;
        };
    }
}
