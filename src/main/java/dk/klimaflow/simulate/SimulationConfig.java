package dk.klimaflow.simulate;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Settings of a simulation run. Rates are probabilities per delivered record: per electricity series for corrections,
 * missing points, estimates and bad records; per series (electricity or heat) or single heat reading for duplicates; per
 * electricity series or heat reading (also one inside a heat series) for late delivery; per heat meter and hour for meter
 * replacement. Delays are in simulated time. {@link #defaults()} gives the small demo rates,
 * {@link #clean(long)} a run with no anomalies at all.
 *
 * @param seed                   seed of every random choice (the register has its own seed)
 * @param duplicateRate          an exact copy is sent again, at once or up to 3 h later
 * @param correctionRate         the interval is re-sent 1..{@code correctionHoursMax} h later with a later sentAt and other values
 * @param correctionHoursMax     latest delay of a correction, hours
 * @param lateRate               the record is held back 2..{@code lateHoursMax} h and then sent (with that later sentAt)
 * @param lateHoursMax           longest delay of a late record, hours
 * @param missingRate            1-4 points are sent as MISSING (quantity null) and the full series follows later
 * @param missingFillHours       delay before a missing series is filled, hours
 * @param estimatedRate          all points of the series are ESTIMATED instead of MEASURED
 * @param hourlyShare            share of electricity points with PT1H resolution (the rest PT15M)
 * @param meterReplacementRate   a heat meter is replaced: its register drops to near zero
 * @param badRecordRates         per kind, chance per electricity series of one extra bad record
 * @param forecastLead           how far ahead FORECAST factors are published
 * @param backfillSeriesHours    hours per step in {@code backfill}: per electricity series and per heat-meter series (live mode
 *                               sends one hour per electricity series and heat readings alone)
 * @param unknownPointDelay      how long after its first reading an unknown metering point is published
 * @param heatFactors            monthly ACTUAL or annual DECLARATION district-heating factors
 * @param capAtWallClock         in live mode never let the simulated clock pass the wall clock (no readings from the future)
 * @param liveSpread             in live mode an hour's readings go out spread evenly over this much simulated time after the
 *                               hour ends, metering point by metering point, as a head-end system collects them (zero: all at
 *                               the hour's end; at most an hour, so one hour's delivery ends before the next begins)
 */
public record SimulationConfig(long seed, double duplicateRate, double correctionRate, int correctionHoursMax, double lateRate,
        int lateHoursMax, double missingRate, int missingFillHours, double estimatedRate, double hourlyShare,
        double meterReplacementRate, Map<BadRecordKind, Double> badRecordRates, Duration forecastLead, int backfillSeriesHours,
        Duration unknownPointDelay, HeatFactorMode heatFactors, boolean capAtWallClock, Duration liveSpread) {

    public SimulationConfig {
        for (double rate : new double[] {duplicateRate, correctionRate, lateRate, missingRate, estimatedRate, hourlyShare, meterReplacementRate}) {
            requireRate(rate);
        }
        EnumMap<BadRecordKind, Double> rates = new EnumMap<>(BadRecordKind.class);
        for (BadRecordKind kind : BadRecordKind.values()) {
            rates.put(kind, requireRate(badRecordRates.getOrDefault(kind, 0.0)));
        }
        badRecordRates = Map.copyOf(rates);
        if (correctionHoursMax < 1 || lateHoursMax < 2 || missingFillHours < 1 || backfillSeriesHours < 1) {
            throw new IllegalArgumentException("simulation delays must be at least 1 hour (late: 2) and backfillSeriesHours at least 1");
        }
        if (forecastLead.isNegative() || unknownPointDelay.isNegative()) {
            throw new IllegalArgumentException("forecastLead and unknownPointDelay must not be negative");
        }
        if (liveSpread.isNegative() || liveSpread.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("the live spread must be between PT0S and PT1H, was " + liveSpread);
        }
    }

    /** The demo defaults: small anomaly rates, a day-ahead forecast, 4-hour series in backfill. */
    public static SimulationConfig defaults() {
        return builder().build();
    }

    /** No duplicates, corrections, late, missing, estimated, replaced meters or bad records: every interval sent once. */
    public static SimulationConfig clean(long seed) {
        return builder().seed(seed).duplicateRate(0).correctionRate(0).lateRate(0).missingRate(0).estimatedRate(0)
                .meterReplacementRate(0).badRecordRates(Map.of()).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public double badRecordRate(BadRecordKind kind) {
        return badRecordRates.get(kind);
    }

    private static double requireRate(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("a simulation rate must be between 0 and 1, was " + rate);
        }
        return rate;
    }

    /** Builder starting from the demo defaults. */
    public static final class Builder {
        private long seed = 187;
        private double duplicateRate = 0.002;
        private double correctionRate = 0.002;
        private int correctionHoursMax = 24;
        private double lateRate = 0.001;
        private int lateHoursMax = 6;
        private double missingRate = 0.001;
        private int missingFillHours = 3;
        private double estimatedRate = 0.02;
        private double hourlyShare = 0.1;
        private double meterReplacementRate = 0.00002;
        private Map<BadRecordKind, Double> badRecordRates = defaultBadRecordRates();
        private Duration forecastLead = Duration.ofHours(24);
        private int backfillSeriesHours = 4;
        private Duration unknownPointDelay = Duration.ofHours(2);
        private HeatFactorMode heatFactors = HeatFactorMode.MONTHLY_ACTUAL;
        private boolean capAtWallClock;
        private Duration liveSpread = Duration.ZERO;

        private static Map<BadRecordKind, Double> defaultBadRecordRates() {
            Map<BadRecordKind, Double> rates = new EnumMap<>(BadRecordKind.class);
            for (BadRecordKind kind : BadRecordKind.values()) {
                rates.put(kind, 0.0001);
            }
            return rates;
        }

        public Builder seed(long v) { seed = v; return this; }
        public Builder duplicateRate(double v) { duplicateRate = v; return this; }
        public Builder correctionRate(double v) { correctionRate = v; return this; }
        public Builder correctionHoursMax(int v) { correctionHoursMax = v; return this; }
        public Builder lateRate(double v) { lateRate = v; return this; }
        public Builder lateHoursMax(int v) { lateHoursMax = v; return this; }
        public Builder missingRate(double v) { missingRate = v; return this; }
        public Builder missingFillHours(int v) { missingFillHours = v; return this; }
        public Builder estimatedRate(double v) { estimatedRate = v; return this; }
        public Builder hourlyShare(double v) { hourlyShare = v; return this; }
        public Builder meterReplacementRate(double v) { meterReplacementRate = v; return this; }
        public Builder badRecordRates(Map<BadRecordKind, Double> v) { badRecordRates = new EnumMap<>(BadRecordKind.class); badRecordRates.putAll(v); return this; }
        public Builder badRecordRate(BadRecordKind kind, double v) { badRecordRates.put(kind, v); return this; }
        public Builder forecastLead(Duration v) { forecastLead = v; return this; }
        public Builder backfillSeriesHours(int v) { backfillSeriesHours = v; return this; }
        public Builder unknownPointDelay(Duration v) { unknownPointDelay = v; return this; }
        public Builder heatFactors(HeatFactorMode v) { heatFactors = v; return this; }
        public Builder capAtWallClock(boolean v) { capAtWallClock = v; return this; }
        public Builder liveSpread(Duration v) { liveSpread = v; return this; }

        public SimulationConfig build() {
            return new SimulationConfig(seed, duplicateRate, correctionRate, correctionHoursMax, lateRate, lateHoursMax, missingRate,
                    missingFillHours, estimatedRate, hourlyShare, meterReplacementRate, badRecordRates, forecastLead,
                    backfillSeriesHours, unknownPointDelay, heatFactors, capAtWallClock, liveSpread);
        }
    }
}
