package dk.klimaflow.domain;

/**
 * The one CO2e formula. A factor in g/kWh is fixed to integer milligrams per kWh (round half up, 0.001 g/kWh resolution);
 * the CO2e of an interval is exactly {@code Wh x mg/kWh} micrograms (1 Wh x 1 mg/kWh = 1 ug); sums are kept in exact
 * micrograms and rounded half up to grams once, when an aggregate is output. Any aggregate can be recomputed from its input.
 */
public final class Co2e {
    private Co2e() {
    }

    public static long milligramsPerKWh(double gramsPerKWh) {
        return Math.round(gramsPerKWh * 1_000d);
    }

    public static long micrograms(long wh, long milligramsPerKWh) {
        return Math.multiplyExact(wh, milligramsPerKWh);
    }

    public static long gramsFromMicrograms(long micrograms) {
        return Math.floorDiv(micrograms + 500_000L, 1_000_000L);
    }
}
