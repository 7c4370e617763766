package dk.klimaflow.report;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.domain.LocalCalendar;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.Map;

/**
 * The expected share of a year's CO2e that falls before an instant, per carrier, so that a year-to-date figure can be projected
 * to the full year: projection = year-to-date / share. A January-to-date figure is not a twelfth of a year: a month's weight is
 * its share of a typical year (by default a fixed profile: district heating 25% spread evenly for hot water plus 75% by the
 * months' heating degree days of a Danish normal year, rounded; electricity a mild winter peak), or, when given, the
 * municipality's own previous year (its monthly CO2e per carrier, from the monthly aggregates). The current month counts in
 * proportion to the time elapsed in it.
 */
public final class SeasonalProjection {
    /** Heating degree days per month of a Danish normal year (approximate, rounded; about 3,100 a year). */
    static final double[] DEGREE_DAYS = {530, 480, 440, 320, 170, 60, 15, 15, 95, 240, 370, 470};
    /** Relative monthly electricity use of Danish households and services (mild winter peak; approximate). */
    static final double[] ELECTRICITY = {9.5, 8.7, 8.9, 8.0, 7.6, 7.1, 7.0, 7.3, 7.6, 8.4, 9.0, 9.9};

    private SeasonalProjection() {
    }

    /** The fixed monthly weights of {@code carrier}, summing to 1. */
    public static double[] typicalYear(Carrier carrier) {
        double[] w = new double[12];
        if (carrier == Carrier.DISTRICT_HEATING) {
            double dd = 0;
            for (double d : DEGREE_DAYS) {
                dd += d;
            }
            for (int m = 0; m < 12; m++) {
                w[m] = 0.25 / 12 + 0.75 * DEGREE_DAYS[m] / dd;
            }
            return w;
        }
        double sum = 0;
        for (double e : ELECTRICITY) {
            sum += e;
        }
        for (int m = 0; m < 12; m++) {
            w[m] = ELECTRICITY[m] / sum;
        }
        return w;
    }

    /** Monthly weights from twelve monthly figures (e.g. last year's grams); null when any month is zero or missing. */
    public static double[] fromMonths(long[] months) {
        if (months == null || months.length != 12) {
            return null;
        }
        double sum = 0;
        for (long m : months) {
            if (m <= 0) {
                return null;
            }
            sum += m;
        }
        double[] w = new double[12];
        for (int i = 0; i < 12; i++) {
            w[i] = months[i] / sum;
        }
        return w;
    }

    /** The share of the year {@code year} (local) that lies before {@code now} under {@code weights}: 0 before, 1 after. */
    public static double elapsedShare(double[] weights, int year, Instant now) {
        ZonedDateTime local = now.atZone(LocalCalendar.ZONE);
        if (local.getYear() < year) {
            return 0;
        }
        if (local.getYear() > year) {
            return 1;
        }
        int month = local.getMonthValue() - 1;
        double share = 0;
        for (int m = 0; m < month; m++) {
            share += weights[m];
        }
        YearMonth ym = YearMonth.of(year, month + 1);
        long start = LocalCalendar.startOfDay(ym.atDay(1));
        long end = LocalCalendar.startOfDay(ym.plusMonths(1).atDay(1));
        return share + weights[month] * (now.toEpochMilli() - start) / (double) (end - start);
    }

    /** Projected full-year grams: the sum over carriers of year-to-date / elapsed share (a carrier with no share yet: none). */
    public static Long project(Map<Carrier, Long> ytdGrams, Map<Carrier, double[]> weights, int year, Instant now) {
        double total = 0;
        for (Map.Entry<Carrier, Long> e : ytdGrams.entrySet()) {
            double share = elapsedShare(weights.get(e.getKey()), year, now);
            if (share < 0.01) {
                return null;
            }
            total += e.getValue() / share;
        }
        return Math.round(total);
    }
}
