package dk.klimaflow.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dk.klimaflow.avro.DistrictHeatingReading;
import dk.klimaflow.avro.ElectricityTimeSeries;
import dk.klimaflow.avro.MeteringPoint;
import dk.klimaflow.avro.Point;
import dk.klimaflow.domain.LocalCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The demo's register (seed 187, full scale) is calibrated to Vallensbaek's published green account for 2017: the energy the
 * simulator's own feeds produce for the municipal-operations points over local 2017 (every quarter-hour of every electricity
 * point, noise included; the heat registers' rise over the year) is within 1% of 2,806 MWh electricity and 9,994 MWh heat.
 */
class RegisterCalibrationTest {
    static final long SEED = 187;
    static final double TOLERANCE = 0.01;
    static final Instant FROM = Instant.ofEpochMilli(LocalCalendar.startOfDay(LocalDate.of(2017, 1, 1)));
    static final Instant TO = Instant.ofEpochMilli(LocalCalendar.startOfDay(LocalDate.of(2018, 1, 1)));

    private static List<SimulatedPoint> municipal(VallensbaekRegister register, List<MeteringPoint> points) {
        return points.stream().filter(MeteringPoint::getMunicipalOperation).map(p -> new SimulatedPoint(p, register.annualKwh(p.getId()))).toList();
    }

    @Test
    void shouldSimulateThePublishedMunicipalElectricityOf2017Within1Percent() {
        VallensbaekRegister register = VallensbaekRegister.generate(SEED);
        ElectricityFeed feed = new ElectricityFeed(SEED, SimulationConfig.defaults().hourlyShare());
        long wh = 0;
        for (SimulatedPoint p : municipal(register, register.electricity())) {
            for (Instant day = FROM; day.isBefore(TO); day = day.plus(Duration.ofHours(24))) {
                int hours = (int) Math.min(24, Duration.between(day, TO).toHours());
                ElectricityTimeSeries s = feed.series(p, day, hours, day);
                wh += s.getPoints().stream().mapToLong(Point::getQuantityWh).sum();
            }
        }

        assertThat(municipal(register, register.electricity())).hasSize(60);
        assertThat(wh / 1e6).isCloseTo(2_806.0, within(2_806.0 * TOLERANCE));
    }

    @Test
    void shouldSimulateThePublishedMunicipalHeatOf2017Within1Percent() {
        VallensbaekRegister register = VallensbaekRegister.generate(SEED);
        List<SimulatedPoint> meters = municipal(register, register.districtHeating());
        HeatFeed feed = new HeatFeed(SEED, meters);
        SimulationStats stats = new SimulationStats();
        SplittableRandom random = new SplittableRandom(SEED);
        double[] first = null;
        double[] last = null;
        // the reading at the end of the hour before 2017 is the start; each meter's register rise over local 2017 is its heat
        for (Instant hour = FROM.minus(Duration.ofHours(1)); hour.isBefore(TO); hour = hour.plus(Duration.ofHours(1))) {
            List<DistrictHeatingReading> readings = feed.hour(hour, hour, random, 0, stats);
            double[] kwh = readings.stream().mapToDouble(r -> kwh(r)).toArray();
            if (first == null) {
                first = kwh;
            }
            last = kwh;
        }
        double mwh = 0;
        for (int i = 0; i < meters.size(); i++) {
            mwh += (last[i] - first[i]) / 1_000;
        }

        assertThat(meters).hasSize(40);
        assertThat(mwh).isCloseTo(9_994.0, within(9_994.0 * TOLERANCE));
    }

    @Test
    void shouldCalibrateTheMunicipalPointsOfASmallerRegisterInProportion() {
        VallensbaekRegister small = VallensbaekRegister.generate(SEED, 0.1);
        List<SimulatedPoint> electricity = municipal(small, small.electricity());
        List<SimulatedPoint> heat = municipal(small, small.districtHeating());

        assertThat(electricity.stream().mapToDouble(SimulatedPoint::annualKwh).sum() / 1_000)
                .isCloseTo(2_806.0 * electricity.size() / 60, within(0.01));
        assertThat(heat.stream().mapToDouble(SimulatedPoint::annualKwh).sum() / 1_000).isCloseTo(9_994.0 * heat.size() / 40, within(0.01));
    }

    private static double kwh(DistrictHeatingReading r) {
        return switch (r.getUnit()) {
            case KWH -> r.getEnergyRegister();
            case MWH -> r.getEnergyRegister() * 1_000;
            case GJ -> r.getEnergyRegister() / 0.0036;
        };
    }
}
