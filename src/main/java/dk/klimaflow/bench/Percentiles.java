package dk.klimaflow.bench;

import java.util.Arrays;

/**
 * Latency percentiles by the nearest-rank method. Input: latency samples in milliseconds (any order). Output: the value at
 * rank ceil(p/100 x n) of the sorted samples for p in (0, 100], so p100 is the maximum and every reported value is a
 * measured sample; NaN for no samples.
 */
public final class Percentiles {
    private final double[] sorted;

    public Percentiles(double[] samplesMs) {
        this.sorted = samplesMs.clone();
        Arrays.sort(sorted);
    }

    public int count() {
        return sorted.length;
    }

    public double percentile(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], was " + p);
        }
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(1, rank) - 1];
    }

    public double max() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }
}
