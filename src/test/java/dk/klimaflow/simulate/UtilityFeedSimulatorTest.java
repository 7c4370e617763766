package dk.klimaflow.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dk.klimaflow.avro.DistrictHeatingReading;
import dk.klimaflow.avro.Edition;
import dk.klimaflow.avro.ElectricityTimeSeries;
import dk.klimaflow.avro.EmissionFactor;
import dk.klimaflow.avro.MeteringPoint;
import dk.klimaflow.avro.Resolution;
import dk.klimaflow.config.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
        List<DistrictHeatingReading> heat = SimulatedHeatSeriesTest.heatReadings(sink);
        assertThat(heat).hasSize(REGISTER.districtHeating().size() * 6);
        assertThat(heat.stream().map(r -> r.getMeterId() + "@" + r.getReadAt()).distinct()).hasSize(REGISTER.districtHeating().size() * 6);
        assertThat(sim.stats().heatReadings()).isEqualTo(heat.size());
        List<EmissionFactor> factors = sink.values(Topics.EMISSION_FACTORS, EmissionFactor.class);
        assertThat(factors.stream().filter(f -> f.getEdition() == Edition.ACTUAL && f.getArea().equals("DK2"))).hasSize(6);
        assertThat(factors.stream().filter(f -> f.getEdition() == Edition.FORECAST)).hasSize(6 + 24);
        assertThat(factors.stream().filter(f -> f.getArea().equals("VEKS-VALLENSBAEK"))).hasSize(1);
        assertThat(sim.stats().simulatedNow()).isEqualTo(FROM.plus(Duration.ofHours(6)));
        assertThat(sim.stats().records(Topics.ELECTRICITY)).isEqualTo(series.size());
        assertThat(sim.stats().totalRecords()).isEqualTo(sink.size());
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

        List<DistrictHeatingReading> heat = SimulatedHeatSeriesTest.heatReadings(sink);
        assertThat(heat).hasSize(REGISTER.districtHeating().size() * 5);
        assertThat(heat.stream().map(r -> r.getMeterId() + "@" + r.getReadAt()).distinct()).hasSize(REGISTER.districtHeating().size() * 5);
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
}
