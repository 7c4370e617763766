package dk.klimaflow.simulate;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;

/**
 * Expected consumption shapes in Danish local time. Electricity per GPC sector: residential morning and evening peaks,
 * commercial office hours, manufacturing two shifts on a high base, EV charging in the evening and night; weekends differ and
 * winter is higher. Heat: degree-hours below 17 degC of a seasonal and daily outdoor-temperature curve plus hot water with
 * morning and evening peaks. Each shape is normalised to a mean of 1 over a reference year, so an interval's expected energy
 * is annual kWh x shape x interval length / 8,760 h. Output: integer Wh per interval (expected value, without noise).
 */
public final class LoadProfile {
    public static final ZoneId ZONE = ZoneId.of("Europe/Copenhagen");
    private static final double HOURS_PER_YEAR = 8_760;
    private static final double HEATING_LIMIT_C = 17;
    private static final double HOT_WATER_DEGREE_HOURS = 2.4;
    private static final Map<String, Double> ELECTRICITY_MEAN = Map.of(
            VallensbaekRegister.RESIDENTIAL, yearMean(t -> rawElectricity(VallensbaekRegister.RESIDENTIAL, t)),
            VallensbaekRegister.COMMERCIAL, yearMean(t -> rawElectricity(VallensbaekRegister.COMMERCIAL, t)),
            VallensbaekRegister.MANUFACTURING, yearMean(t -> rawElectricity(VallensbaekRegister.MANUFACTURING, t)),
            VallensbaekRegister.EV_CHARGING, yearMean(t -> rawElectricity(VallensbaekRegister.EV_CHARGING, t)));
    private static final double HEAT_MEAN = yearMean(LoadProfile::rawHeat);

    private LoadProfile() {
    }

    /** Expected electricity in Wh for a point of {@code sector} using {@code annualKwh} a year, over [start, start+length). */
    public static long electricityWh(String sector, double annualKwh, Instant start, Duration length) {
        return Math.round(annualKwh * 1_000 * electricityShape(sector, mid(start, length)) * hours(length) / HOURS_PER_YEAR);
    }

    /** Expected heat in Wh for a meter using {@code annualKwh} of heat a year, over [start, start+length). */
    public static long heatWh(double annualKwh, Instant start, Duration length) {
        return Math.round(annualKwh * 1_000 * heatShape(mid(start, length)) * hours(length) / HOURS_PER_YEAR);
    }

    /** Relative electricity demand of {@code sector} at instant {@code t}; mean 1 over a year. */
    public static double electricityShape(String sector, Instant t) {
        Double mean = ELECTRICITY_MEAN.get(sector);
        if (mean == null) {
            throw new IllegalArgumentException("no load profile for GPC sector " + sector + ": use one of " + ELECTRICITY_MEAN.keySet());
        }
        return rawElectricity(sector, t) / mean;
    }

    /** Relative heat demand at instant {@code t}; mean 1 over a year. */
    public static double heatShape(Instant t) {
        return rawHeat(t) / HEAT_MEAN;
    }

    /** Simulated outdoor temperature in degC: about 0.5 in late January, 17 in late July, 2.5 K warmer at 15:00 than 03:00. */
    public static double outdoorTempC(Instant t) {
        ZonedDateTime local = t.atZone(ZONE);
        double day = local.getDayOfYear() + hourOf(local) / 24;
        return 8.7 - 8.3 * Math.cos(2 * Math.PI * (day - 20) / 365.25) + 1.25 * Math.cos(2 * Math.PI * (hourOf(local) - 15) / 24);
    }

    private static double rawElectricity(String sector, Instant t) {
        ZonedDateTime local = t.atZone(ZONE);
        double h = hourOf(local);
        boolean weekend = local.getDayOfWeek() == DayOfWeek.SATURDAY || local.getDayOfWeek() == DayOfWeek.SUNDAY;
        double winter = Math.cos(2 * Math.PI * (local.getDayOfYear() - 15) / 365.25);
        return switch (sector) {
            case VallensbaekRegister.RESIDENTIAL -> (0.45 + (weekend ? bump(h, 10, 2.0, 0.55) : bump(h, 7.3, 1.1, 0.6))
                    + bump(h, 18.5, 2.0, 1.1) + bump(h, 13, 3, weekend ? 0.35 : 0.1)) * (1 + 0.22 * winter);
            case VallensbaekRegister.COMMERCIAL -> (0.35 + (weekend ? 0.15 : 1.0) * plateau(h, 7, 17)) * (1 + 0.1 * winter);
            case VallensbaekRegister.MANUFACTURING -> (0.8 + (weekend ? 0.1 : 0.45) * plateau(h, 6, 22)) * (1 + 0.04 * winter);
            case VallensbaekRegister.EV_CHARGING -> (0.15 + bump(h, 20.5, 2.8, weekend ? 1.0 : 1.5) + bump(h + 24, 20.5, 2.8, 1.0)
                    + bump(h, 12, 2.5, weekend ? 0.5 : 0.35)) * (1 + 0.15 * winter);
            default -> throw new IllegalArgumentException("no load profile for GPC sector " + sector);
        };
    }

    private static double rawHeat(Instant t) {
        ZonedDateTime local = t.atZone(ZONE);
        double h = hourOf(local);
        double setback = (h < 5 || h >= 23) ? 0.85 : (h >= 6 && h < 9) ? 1.15 : 1.0;
        double space = Math.max(0, HEATING_LIMIT_C - outdoorTempC(t)) * setback;
        double hotWater = HOT_WATER_DEGREE_HOURS * (0.4 + bump(h, 7.5, 1.2, 1.2) + bump(h, 19, 2, 1.3));
        return space + hotWater;
    }

    /** Gaussian bump of height {@code amp} centred at hour {@code centre}. */
    private static double bump(double h, double centre, double width, double amp) {
        double d = (h - centre) / width;
        return amp * Math.exp(-0.5 * d * d);
    }

    /** About 1 between {@code from} and {@code to} o'clock, 0 outside, with one-hour ramps. */
    private static double plateau(double h, double from, double to) {
        return 1 / (1 + Math.exp(-(h - from) * 3)) * 1 / (1 + Math.exp((h - to) * 3));
    }

    private static double hourOf(ZonedDateTime local) {
        return local.getHour() + local.getMinute() / 60.0 + local.getSecond() / 3600.0;
    }

    private static Instant mid(Instant start, Duration length) {
        return start.plus(length.dividedBy(2));
    }

    private static double hours(Duration length) {
        return length.toMillis() / 3_600_000.0;
    }

    private static double yearMean(java.util.function.ToDoubleFunction<Instant> shape) {
        Instant t = LocalDate.of(2023, 1, 1).atStartOfDay(ZONE).toInstant();
        Instant end = LocalDate.of(2024, 1, 1).atStartOfDay(ZONE).toInstant();
        double sum = 0;
        int n = 0;
        for (; t.isBefore(end); t = t.plusSeconds(3_600)) {
            sum += shape.applyAsDouble(t.plusSeconds(1_800));
            n++;
        }
        return sum / n;
    }
}
