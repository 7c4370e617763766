package dk.klimaflow.simulate;

import dk.klimaflow.avro.DistrictHeatingReading;
import dk.klimaflow.avro.DistrictHeatingSeries;
import dk.klimaflow.avro.EnergyUnit;
import dk.klimaflow.avro.HeatReadingEvent;
import dk.klimaflow.avro.HeatRegisterPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The district-heating meters' cumulative registers. Each meter keeps an exact register in Wh that grows by each hour's heat
 * (load profile x annual kWh x seeded noise) and reports it hourly as a {@link DistrictHeatingReading}: in KWH as integer kWh
 * (most meters), in MWH with 3 decimals or in GJ with 3 decimals (the unit is seeded per meter), so small hourly deltas are
 * quantised as on real remote-read meters. Volume follows from the heat and the flow/return temperature difference. A
 * replaced meter starts again near zero, announced as a utility does: the old meter's final reading (METER_REMOVED) and the
 * new meter's start reading (METER_INSTALLED), both at the start of the hour. {@link #hours} gives several hours per meter
 * and {@link #series} turns a meter's readings into the {@link DistrictHeatingSeries} of a bulk export. Not thread-safe;
 * state lives as long as the simulator.
 */
final class HeatFeed {
    private static final double WATER_KWH_PER_M3_K = 1.163;

    private final long seed;
    private final List<Meter> meters = new ArrayList<>();

    private static final class Meter {
        final SimulatedPoint point;
        final EnergyUnit unit;
        long registerWh;
        double volumeM3;

        Meter(SimulatedPoint point, EnergyUnit unit, long registerWh, double volumeM3) {
            this.point = point;
            this.unit = unit;
            this.registerWh = registerWh;
            this.volumeM3 = volumeM3;
        }
    }

    HeatFeed(long seed, List<SimulatedPoint> heatMeters) {
        this.seed = seed;
        for (SimulatedPoint p : heatMeters) {
            double u = Noise.unit(seed, p.hash(), 0xE17);
            EnergyUnit unit = u < 0.8 ? EnergyUnit.KWH : u < 0.92 ? EnergyUnit.MWH : EnergyUnit.GJ;
            long registerWh = Math.round(p.annualKwh() * 1_000 * (0.5 + 8 * Noise.unit(seed, p.hash(), 0xE18)));
            meters.add(new Meter(p, unit, registerWh, registerWh / 1_000.0 / (WATER_KWH_PER_M3_K * 30)));
        }
    }

    /**
     * Advances every meter by the heat of the hour starting {@code hourStart} and returns one reading per meter with readAt =
     * the hour's end. Each meter is replaced with probability {@code replacementRate} first (counted in {@code stats}): then
     * its final and start readings at the hour's start come before.
     */
    List<DistrictHeatingReading> hour(Instant hourStart, Instant sentAt, SplittableRandom random, double replacementRate,
            SimulationStats stats) {
        double outdoor = LoadProfile.outdoorTempC(hourStart);
        List<DistrictHeatingReading> readings = new ArrayList<>(meters.size());
        for (Meter m : meters) {
            advance(m, hourStart, outdoor, sentAt, random, replacementRate, stats, readings);
        }
        return readings;
    }

    /**
     * The {@code hours} hours from {@code start} as {@link #hour} produces them one after the other (the same readings and
     * random draws), grouped per meter: one list per meter, in readAt order with any replacement at its place.
     */
    List<List<DistrictHeatingReading>> hours(Instant start, int hours, Instant sentAt, SplittableRandom random, double replacementRate,
            SimulationStats stats) {
        List<List<DistrictHeatingReading>> perMeter = new ArrayList<>(meters.size());
        for (int i = 0; i < meters.size(); i++) {
            perMeter.add(new ArrayList<>(hours));
        }
        for (int h = 0; h < hours; h++) {
            Instant hourStart = start.plus(Duration.ofHours(h));
            double outdoor = LoadProfile.outdoorTempC(hourStart);
            for (int i = 0; i < meters.size(); i++) {
                advance(meters.get(i), hourStart, outdoor, sentAt, random, replacementRate, stats, perMeter.get(i));
            }
        }
        return perMeter;
    }

    private void advance(Meter m, Instant hourStart, double outdoor, Instant sentAt, SplittableRandom random, double replacementRate,
            SimulationStats stats, List<DistrictHeatingReading> readings) {
        if (replacementRate > 0 && random.nextDouble() < replacementRate) {
            readings.add(event(m, hourStart, sentAt, HeatReadingEvent.METER_REMOVED));
            m.registerWh = random.nextInt(2_000);
            m.volumeM3 = 0;
            readings.add(event(m, hourStart, sentAt, HeatReadingEvent.METER_INSTALLED));
            stats.event(SimulationStats.Event.METER_REPLACEMENT);
        }
        long expected = LoadProfile.heatWh(m.point.annualKwh(), hourStart, Duration.ofHours(1));
        long heatWh = Math.round(expected * Math.max(0, 1 + 0.2 * Noise.gaussian(seed, m.point.hash(), hourStart.getEpochSecond())));
        double flow = 72 - 0.6 * outdoor + Noise.gaussian(seed, m.point.hash(), ~hourStart.getEpochSecond());
        double ret = 40 + 0.15 * outdoor + 0.5 * Noise.gaussian(seed, ~m.point.hash(), hourStart.getEpochSecond());
        m.registerWh += heatWh;
        m.volumeM3 += heatWh / 1_000.0 / (WATER_KWH_PER_M3_K * (flow - ret));
        readings.add(DistrictHeatingReading.newBuilder().setMeterId(m.point.id()).setUtilityId(m.point.point().getUtilityId())
                .setReadAt(hourStart.plus(Duration.ofHours(1))).setEnergyRegister(register(m.registerWh, m.unit)).setUnit(m.unit)
                .setVolumeM3(Math.floor(m.volumeM3 * 1_000) / 1_000).setFlowTempC(Math.round(flow * 10) / 10.0)
                .setReturnTempC(Math.round(ret * 10) / 10.0).setSentAt(sentAt).setEvent(HeatReadingEvent.READING).build());
    }

    /**
     * One meter's readings as the bulk export a heat-meter system sends: one {@link DistrictHeatingSeries} with the meter,
     * utility, unit and sentAt of the readings (which must share them and have strictly ascending readAt).
     */
    static DistrictHeatingSeries series(List<DistrictHeatingReading> readings) {
        DistrictHeatingReading first = readings.get(0);
        List<HeatRegisterPoint> points = new ArrayList<>(readings.size());
        for (DistrictHeatingReading r : readings) {
            if (!r.getMeterId().equals(first.getMeterId()) || r.getUnit() != first.getUnit() || !r.getSentAt().equals(first.getSentAt())
                    || !r.getUtilityId().equals(first.getUtilityId())) {
                throw new IllegalArgumentException("a heat series is one meter's readings of one delivery: " + r + " differs from " + first);
            }
            if (!points.isEmpty() && !r.getReadAt().isAfter(points.get(points.size() - 1).getReadAt())) {
                throw new IllegalArgumentException("heat series readings must have strictly ascending readAt: " + r);
            }
            points.add(new HeatRegisterPoint(r.getReadAt(), r.getEnergyRegister(), r.getVolumeM3(), r.getFlowTempC(), r.getReturnTempC(),
                    r.getEvent()));
        }
        return new DistrictHeatingSeries(first.getMeterId(), first.getUtilityId(), first.getUnit(), points, first.getSentAt());
    }

    private static DistrictHeatingReading event(Meter m, Instant at, Instant sentAt, HeatReadingEvent event) {
        return DistrictHeatingReading.newBuilder().setMeterId(m.point.id()).setUtilityId(m.point.point().getUtilityId()).setReadAt(at)
                .setEnergyRegister(register(m.registerWh, m.unit)).setUnit(m.unit).setVolumeM3(Math.floor(m.volumeM3 * 1_000) / 1_000)
                .setFlowTempC(null).setReturnTempC(null).setSentAt(sentAt).setEvent(event).build();
    }

    /** The register as the meter shows it: whole kWh, MWh with 3 decimals, or GJ with 3 decimals (whole MJ). */
    static double register(long wh, EnergyUnit unit) {
        return switch (unit) {
            case KWH -> (double) (wh / 1_000);
            case MWH -> (wh / 1_000) / 1_000.0;
            case GJ -> (wh * 36 / 10_000) / 1_000.0;
        };
    }
}
