package dk.klimaflow.domain;

import java.math.BigInteger;

/**
 * Why the plausibility limits make CO2e overflow impossible for any metering point. CO2e is kept as a {@code long} of
 * micrograms (Wh x mg/kWh), so one window holds at most 9.22e18 ug = 9.2 Mt CO2e. The limits are chosen so that one metering
 * point at its cap in every hour of a leap year (8,784 hours), priced at the highest accepted factor
 * ({@link #MAX_FACTOR_G_PER_KWH} g/kWh), still fits in a yearly window:
 * <ul>
 * <li>electricity: 4 x klimaflow.max.interval.wh per hour (quarter-hour series), default 100 MWh per interval: 4e8 Wh x 8,784
 * x 2e6 mg/kWh = 7.0e18;</li>
 * <li>district heating: klimaflow.max.heat.wh.per.hour, default 500 MWh per hour (a 500 MW heat load; a whole town such as
 * Vallensbaek peaks at tens of MW): 5e8 x 8,784 x 2e6 = 8.8e18.</li>
 * </ul>
 * So no single record or metering point can overflow a window. A window can only overflow when several metering points of
 * one municipality, sector and carrier together emit more than 9.2 Mt CO2e in a year (about a fifth of Denmark's annual
 * emissions); where that happens in factor-cells, the record that tips it is dead-lettered as PROCESSING_ERROR (see
 * {@code Quarantine}) instead of stopping the pipeline.
 */
public final class EnergyLimits {
    /** Above any fuel's emission per kWh delivered (lignite power plants emit about 1,100-1,200 g CO2/kWh of electricity). */
    public static final double MAX_FACTOR_G_PER_KWH = 2_000;
    /** Hours in a leap year. */
    static final long HOURS_PER_YEAR = 8_784;

    private EnergyLimits() {
    }

    /** The largest factor in integer mg/kWh, as {@link Co2e} applies it. */
    public static long maxFactorMilligrams() {
        return Co2e.milligramsPerKWh(MAX_FACTOR_G_PER_KWH);
    }

    /** Null when a metering point at the caps for a year fits in a long of micrograms; else what to change. */
    public static String inconsistency(long maxIntervalWh, long maxHeatWhPerHour) {
        BigInteger limit = BigInteger.valueOf(Long.MAX_VALUE);
        BigInteger perHourAndFactor = BigInteger.valueOf(HOURS_PER_YEAR).multiply(BigInteger.valueOf(maxFactorMilligrams()));
        if (BigInteger.valueOf(maxIntervalWh).multiply(BigInteger.valueOf(4)).multiply(perHourAndFactor).compareTo(limit) > 0) {
            return "klimaflow.max.interval.wh = " + maxIntervalWh + " is too large: one metering point at that cap for a year at "
                    + (long) MAX_FACTOR_G_PER_KWH + " g/kWh would overflow the CO2e of a yearly aggregate (at most "
                    + limit.divide(perHourAndFactor.multiply(BigInteger.valueOf(4))) + " Wh per interval)";
        }
        if (BigInteger.valueOf(maxHeatWhPerHour).multiply(perHourAndFactor).compareTo(limit) > 0) {
            return "klimaflow.max.heat.wh.per.hour = " + maxHeatWhPerHour + " is too large: one heat meter at that cap for a year at "
                    + (long) MAX_FACTOR_G_PER_KWH + " g/kWh would overflow the CO2e of a yearly aggregate (at most "
                    + limit.divide(perHourAndFactor) + " Wh per hour)";
        }
        return null;
    }
}
