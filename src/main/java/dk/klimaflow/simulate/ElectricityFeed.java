package dk.klimaflow.simulate;

import dk.klimaflow.avro.ElectricityTimeSeries;
import dk.klimaflow.avro.Point;
import dk.klimaflow.avro.Quality;
import dk.klimaflow.avro.Resolution;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds DataHub-style {@link ElectricityTimeSeries} for one metering point and a span of whole hours: PT15M points for most
 * points, PT1H for a seeded share of them, quantity = the sector's load profile x the point's annual kWh x seeded noise
 * addressed by (point, interval), all MEASURED. Also the variants the simulated utilities send: estimated, with MISSING points,
 * corrected, negative and from the wrong grid company.
 */
final class ElectricityFeed {
    /** A valid-looking GLN of a grid company that owns none of Vallensbaek's points. */
    static final String OTHER_GRID_COMPANY = "5799999999994";

    private final long seed;
    private final double hourlyShare;

    ElectricityFeed(long seed, double hourlyShare) {
        this.seed = seed;
        this.hourlyShare = hourlyShare;
    }

    Resolution resolutionOf(SimulatedPoint p) {
        return Noise.unit(seed, p.hash(), 0x5E5) < hourlyShare ? Resolution.PT1H : Resolution.PT15M;
    }

    ElectricityTimeSeries series(SimulatedPoint p, Instant start, int hours, Instant sentAt) {
        Resolution resolution = resolutionOf(p);
        Duration step = resolution == Resolution.PT1H ? Duration.ofHours(1) : Duration.ofMinutes(15);
        int n = (int) (Duration.ofHours(hours).toMinutes() / step.toMinutes());
        List<Point> points = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            points.add(new Point(quantityWh(p, start.plus(step.multipliedBy(i)), step), Quality.MEASURED));
        }
        return ElectricityTimeSeries.newBuilder().setMeteringPointId(p.id()).setUtilityId(p.point().getUtilityId())
                .setPeriodStart(start).setResolution(resolution).setPoints(points).setSentAt(sentAt).build();
    }

    /** The simulated true consumption of {@code p} over one interval, in Wh (never negative). */
    long quantityWh(SimulatedPoint p, Instant start, Duration length) {
        double expected = LoadProfile.electricityWh(p.sector(), p.annualKwh(), start, length);
        double noise = 1 + sigma(p.sector()) * Noise.gaussian(seed, p.hash(), start.getEpochSecond() / 60);
        return Math.round(expected * Math.max(0, noise));
    }

    private static double sigma(String sector) {
        return switch (sector) {
            case VallensbaekRegister.RESIDENTIAL -> 0.35;
            case VallensbaekRegister.COMMERCIAL -> 0.12;
            case VallensbaekRegister.MANUFACTURING -> 0.08;
            default -> 0.7;
        };
    }

    static ElectricityTimeSeries resent(ElectricityTimeSeries s, Instant sentAt) {
        return with(s, copy(s.getPoints()), s.getUtilityId(), sentAt);
    }

    static ElectricityTimeSeries estimated(ElectricityTimeSeries s) {
        List<Point> points = copy(s.getPoints());
        points.forEach(p -> p.setQuality(Quality.ESTIMATED));
        return with(s, points, s.getUtilityId(), s.getSentAt());
    }

    /** 1-4 consecutive points MISSING (quantity null), chosen with {@code random}. */
    static ElectricityTimeSeries withMissing(ElectricityTimeSeries s, SplittableRandom random) {
        List<Point> points = copy(s.getPoints());
        int count = 1 + random.nextInt(Math.min(4, points.size()));
        int from = random.nextInt(points.size() - count + 1);
        for (int i = from; i < from + count; i++) {
            points.set(i, new Point(null, Quality.MISSING));
        }
        return with(s, points, s.getUtilityId(), s.getSentAt());
    }

    /** Every point MEASURED with its value changed by -15..+15 % (at least one point differs), sent at {@code sentAt}. */
    static ElectricityTimeSeries corrected(ElectricityTimeSeries s, SplittableRandom random, Instant sentAt) {
        List<Point> points = new ArrayList<>(s.getPoints().size());
        boolean changed = false;
        for (Point p : s.getPoints()) {
            long q = p.getQuantityWh() == null ? 0 : p.getQuantityWh();
            long c = Math.round(q * (0.85 + 0.3 * random.nextDouble()));
            changed |= c != q;
            points.add(new Point(c, Quality.MEASURED));
        }
        if (!changed) {
            points.set(0, new Point(points.get(0).getQuantityWh() + 1, Quality.MEASURED));
        }
        return with(s, points, s.getUtilityId(), sentAt);
    }

    /** The same series with its first point negative. */
    static ElectricityTimeSeries negative(ElectricityTimeSeries s, Instant sentAt) {
        List<Point> points = copy(s.getPoints());
        Long q = points.get(0).getQuantityWh();
        points.set(0, new Point(-(q == null ? 0 : q) - 1, Quality.MEASURED));
        return with(s, points, s.getUtilityId(), sentAt);
    }

    static ElectricityTimeSeries wrongUtility(ElectricityTimeSeries s, Instant sentAt) {
        return with(s, copy(s.getPoints()), OTHER_GRID_COMPANY, sentAt);
    }

    // a new record instead of a builder copy: Avro's deep copy resolves enum classes by name, which Avro 1.12 refuses for
    // classes it has not been told to trust
    private static ElectricityTimeSeries with(ElectricityTimeSeries s, List<Point> points, String utilityId, Instant sentAt) {
        return new ElectricityTimeSeries(s.getMeteringPointId(), utilityId, s.getPeriodStart(), s.getResolution(), points, sentAt);
    }

    private static List<Point> copy(List<Point> points) {
        List<Point> out = new ArrayList<>(points.size());
        points.forEach(p -> out.add(new Point(p.getQuantityWh(), p.getQuality())));
        return out;
    }
}
