package dk.klimaflow.simulate;

/**
 * Deterministic pseudo-random numbers addressed by (seed, a, b) instead of drawn from a stream: the same metering point and
 * interval always get the same noise, however the simulation is batched or restarted. Mixing is the SplitMix64 finaliser.
 */
final class Noise {
    private Noise() {
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long hash(long seed, long a, long b) {
        return mix(mix(seed + 0x9E3779B97F4A7C15L) ^ mix(a * 0x9E3779B97F4A7C15L + b));
    }

    /** Uniform in [0, 1). */
    static double unit(long seed, long a, long b) {
        return (hash(seed, a, b) >>> 11) * 0x1.0p-53;
    }

    /** Standard normal (Box-Muller on two addressed uniforms). */
    static double gaussian(long seed, long a, long b) {
        double u1 = Math.max(unit(seed, a, b), 1e-12);
        double u2 = unit(seed, ~a, b);
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** A stable 64-bit hash of a string, for addressing noise by metering point id. */
    static long of(String s) {
        long h = 1125899906842597L;
        for (int i = 0; i < s.length(); i++) {
            h = 31 * h + s.charAt(i);
        }
        return mix(h);
    }
}
