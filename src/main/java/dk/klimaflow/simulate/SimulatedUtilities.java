package dk.klimaflow.simulate;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.DistrictHeatingReading;
import dk.klimaflow.avro.MeteringPoint;
import dk.klimaflow.config.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * What Vallensbaek's utilities send for a span of whole simulated hours, when the {@link UtilityFeedSimulator}'s clock has
 * passed them. Input: the register's metering points (electricity points and heat meters), the {@link SimulationConfig} (seed
 * and rates) and the {@link Outbox} to send through. Output, per {@link #produce}: the factors then due ({@link
 * FactorSchedule}), every electricity point's series (energy.electricity.readings, key metering point id) and the heat meters'
 * readings (energy.district-heating.readings, or one series per meter on energy.district-heating.series, key meter id), each
 * delivered through the {@link Anomalies}, and now and then a newly connected customer's series whose metering point
 * (energy.metering-points, key id) follows {@code unknownPointDelay} later. Every draw comes from one random seeded with the
 * config's seed, in a fixed order.
 */
final class SimulatedUtilities {
    private static final Duration HOUR = Duration.ofHours(1);

    private final SimulationConfig config;
    private final SimulationStats stats;
    private final Outbox out;
    private final SplittableRandom random;
    private final FactorSchedule factorSchedule;
    private final ElectricityFeed electricity;
    private final HeatFeed heat;
    private final Anomalies anomalies;
    private final List<SimulatedPoint> electricityPoints = new ArrayList<>();
    private final Set<String> knownIds = new HashSet<>();

    SimulatedUtilities(VallensbaekRegister register, SimulationConfig config, Outbox out, SimulationStats stats) {
        this.config = config;
        this.stats = stats;
        this.out = out;
        this.random = new SplittableRandom(config.seed());
        this.factorSchedule = new FactorSchedule(new FactorFeed(config.seed()), out, config.forecastLead(), config.heatFactors());
        this.electricity = new ElectricityFeed(config.seed(), config.hourlyShare());
        this.anomalies = new Anomalies(config, random, out, stats);
        List<SimulatedPoint> heatMeters = new ArrayList<>();
        for (MeteringPoint p : register.meteringPoints()) {
            SimulatedPoint sp = new SimulatedPoint(p, register.annualKwh(p.getId()));
            (p.getCarrier() == Carrier.ELECTRICITY ? electricityPoints : heatMeters).add(sp);
            knownIds.add(p.getId());
        }
        this.heat = new HeatFeed(config.seed(), heatMeters);
    }

    /**
     * Produces {@code hours} hours from {@code start} and returns their end, the simulated time of sending. Heat: one hour as
     * single readings, several as one series per meter (the same readings either way: the hours are produced one after the
     * other with the same replacement draws, then grouped per meter; only the anomalies' draws come in another order).
     */
    Instant produce(Instant start, int hours) {
        Instant now = start.plus(HOUR.multipliedBy(hours));
        out.runDue(now);
        factorSchedule.hoursProduced(start, now);
        int count = electricityPoints.size();
        for (int i = 0; i < count; i++) {
            anomalies.deliver(electricity.series(electricityPoints.get(i), start, hours, now), now);
            if (anomalies.roll(config.badRecordRate(BadRecordKind.UNKNOWN_METERING_POINT))) {
                newcomer(start, hours, now);
            }
        }
        if (hours == 1) {
            for (DistrictHeatingReading r : heat.hour(start, now, random, config.meterReplacementRate(), stats)) {
                anomalies.deliver(r, now);
            }
        } else {
            for (List<DistrictHeatingReading> meter : heat.hours(start, hours, now, random, config.meterReplacementRate(), stats)) {
                anomalies.deliverSeries(meter, now);
            }
        }
        out.flush();
        return now;
    }

    /** A newly connected customer: its readings come first, its metering point {@code unknownPointDelay} later. */
    private void newcomer(Instant start, int hours, Instant now) {
        String id;
        do {
            id = Gsrn.random(random);
        } while (!knownIds.add(id));
        boolean ev = random.nextInt(5) == 0;
        MeteringPoint point = VallensbaekRegister.electricityPoint(id,
                ev ? VallensbaekRegister.EV_CHARGING : VallensbaekRegister.RESIDENTIAL, false);
        SimulatedPoint sp = new SimulatedPoint(point, VallensbaekRegister.drawAnnualKwh(random, ev ? 6_000 : 3_600, 0.45));
        out.send(Topics.ELECTRICITY, id, electricity.series(sp, start, hours, now));
        stats.bad(BadRecordKind.UNKNOWN_METERING_POINT);
        out.later(now.plus(config.unknownPointDelay()), () -> {
            out.send(Topics.METERING_POINTS, point.getId(), point);
            stats.event(SimulationStats.Event.METERING_POINT_PUBLISHED_LATE);
            electricityPoints.add(sp);
        });
    }
}
