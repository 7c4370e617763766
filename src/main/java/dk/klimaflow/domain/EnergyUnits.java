package dk.klimaflow.domain;

import dk.klimaflow.avro.EnergyUnit;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Converts a heat meter's cumulative register to integer Wh. The register (not each delta) is converted and rounded half-even
 * once, using the decimal the meter sent (Double.toString), so deltas of converted registers telescope: the energy of a
 * meter over any span equals its converted register difference exactly. 1 kWh = 1,000 Wh; 1 MWh = 10^6 Wh;
 * 1 GJ = 10^9 / 3,600 Wh = 277,777.78 Wh.
 */
public final class EnergyUnits {
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1_000);
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    private static final BigDecimal GIGA = BigDecimal.valueOf(1_000_000_000);
    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3_600);
    /** Whole registers up to this (below 2^53, so every such double is its integer; times 10^6 within a long) skip BigDecimal. */
    static final double WHOLE_FAST_LIMIT = 1e12;

    private EnergyUnits() {
    }

    public static long registerToWh(double register, EnergyUnit unit) {
        if (!Double.isFinite(register)) {
            throw new IllegalArgumentException("register is not a finite number: " + register);
        }
        if (register == Math.rint(register) && Math.abs(register) <= WHOLE_FAST_LIMIT && unit != EnergyUnit.GJ) {
            // a whole kWh or MWh register (the common case): exact in a long, and what the decimal path gives
            return (long) register * (unit == EnergyUnit.KWH ? 1_000L : 1_000_000L);
        }
        BigDecimal value = new BigDecimal(Double.toString(register));
        BigDecimal wh = switch (unit) {
            case KWH -> value.multiply(THOUSAND);
            case MWH -> value.multiply(MILLION);
            case GJ -> value.multiply(GIGA).divide(SECONDS_PER_HOUR, 0, RoundingMode.HALF_EVEN);
        };
        return wh.setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }
}
