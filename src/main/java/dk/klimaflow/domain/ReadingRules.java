package dk.klimaflow.domain;

import dk.klimaflow.avro.DistrictHeatingReading;
import dk.klimaflow.avro.ElectricityTimeSeries;
import dk.klimaflow.avro.Point;
import dk.klimaflow.avro.Quality;
import dk.klimaflow.avro.ReasonCode;
import dk.klimaflow.avro.Resolution;

/**
 * Validation of every input record, one rule per check, each returning a {@link Rejection} or null. A record is judged whole:
 * one bad point rejects its series, so the dead-letter topic holds exactly what the utility sent. {@code now} is the
 * processing wall-clock time; intervals may end at most {@code clockSkewMs} after it, and may start at most
 * {@code horizonMs} before it (older corrections are TOO_OLD). In the backfill pass ({@link #backfillBefore}) an interval must
 * also end at or before {@code now - liveHorizonMs}, the live pass's horizon start: the live pass counts anything newer, so
 * the backfill pass rejects it as WITHIN_LIVE_HORIZON and no interval is counted by both. Master data and factors:
 * {@link MasterDataRules}.
 */
public final class ReadingRules {
    /** 1e15 Wh = 1,000 TWh: no heat meter register comes near it (the per-hour cap is what bounds energy). */
    static final long MAX_REGISTER_WH = 1_000_000_000_000_000L;
    private final long horizonMs;
    private final long clockSkewMs;
    private final long maxIntervalWh;
    private final long maxHeatWhPerHour;
    private final long maxSeriesPoints;
    private final long liveHorizonMs;

    public ReadingRules(long horizonMs, long clockSkewMs, long maxIntervalWh) {
        this(horizonMs, clockSkewMs, maxIntervalWh, 500_000_000L, 35_136);
    }

    /** Limits as in {@link EnergyLimits}: Wh per electricity interval, Wh per hour of district heating, points per series. */
    public ReadingRules(long horizonMs, long clockSkewMs, long maxIntervalWh, long maxHeatWhPerHour, long maxSeriesPoints) {
        this(horizonMs, clockSkewMs, maxIntervalWh, maxHeatWhPerHour, maxSeriesPoints, -1);
    }

    private ReadingRules(long horizonMs, long clockSkewMs, long maxIntervalWh, long maxHeatWhPerHour, long maxSeriesPoints,
            long liveHorizonMs) {
        this.liveHorizonMs = liveHorizonMs;
        this.horizonMs = horizonMs;
        this.clockSkewMs = clockSkewMs;
        this.maxIntervalWh = maxIntervalWh;
        this.maxHeatWhPerHour = maxHeatWhPerHour;
        this.maxSeriesPoints = maxSeriesPoints;
    }

    /** The same rules for the backfill pass: intervals must also end before the live pass's horizon start. */
    public ReadingRules backfillBefore(long liveHorizonMs) {
        if (liveHorizonMs >= horizonMs) {
            throw new IllegalArgumentException("the backfill horizon must be longer than the live horizon");
        }
        return new ReadingRules(horizonMs, clockSkewMs, maxIntervalWh, maxHeatWhPerHour, maxSeriesPoints, liveHorizonMs);
    }

    /** The most points (electricity) or readings (a heat series) one record may carry. */
    long maxSeriesPoints() {
        return maxSeriesPoints;
    }

    public static long resolutionMs(Resolution r) {
        return r == Resolution.PT15M ? LocalCalendar.QUARTER_MS : LocalCalendar.HOUR_MS;
    }

    /** {@code s} is exactly {@code n} ASCII digits (a GSRN, a municipality code): without a regex compiled per record. */
    static boolean digits(String s, int n) {
        if (s.length() != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static Rejection invalid(String reason) {
        return Rejection.of(ReasonCode.INVALID_VALUE, reason);
    }

    public Rejection check(String key, ElectricityTimeSeries ts, long now) {
        if (!digits(ts.getMeteringPointId(), 18)) {
            return invalid("meteringPointId '" + ts.getMeteringPointId() + "' is not an 18-digit GSRN");
        }
        if (!ts.getMeteringPointId().equals(key)) {
            return invalid("record key '" + key + "' differs from meteringPointId " + ts.getMeteringPointId() + ": key by metering point id");
        }
        if (ts.getPoints().isEmpty()) {
            return invalid("time series has no points");
        }
        if (ts.getPoints().size() > maxSeriesPoints) {
            return invalid("time series has " + ts.getPoints().size() + " points, more than " + maxSeriesPoints
                    + " (setting klimaflow.max.series.points): send it in parts");
        }
        if (Math.floorMod(ts.getPeriodStart().toEpochMilli(), LocalCalendar.QUARTER_MS) != 0) {
            return invalid("periodStart " + java.time.Instant.ofEpochMilli(ts.getPeriodStart().toEpochMilli()) + " is not on a quarter-hour");
        }
        long step = resolutionMs(ts.getResolution());
        if (Math.floorMod(ts.getPeriodStart().toEpochMilli(), step) != 0) {
            return invalid("periodStart " + ts.getPeriodStart() + " is not on a whole " + ts.getResolution() + " interval");
        }
        long start = ts.getPeriodStart().toEpochMilli();
        if (start > Long.MAX_VALUE - step * (long) ts.getPoints().size()) { // its end would not fit: far beyond any clock
            return invalid("period starting at epoch millisecond " + start + " ends beyond the end of time");
        }
        long end = start + step * ts.getPoints().size();
        for (int i = 0; i < ts.getPoints().size(); i++) {
            Rejection r = checkPoint(ts.getPoints().get(i), i);
            if (r != null) {
                return r;
            }
        }
        return checkTime(ts.getPeriodStart().toEpochMilli(), end, now);
    }

    private Rejection checkPoint(Point p, int i) {
        Long q = p.getQuantityWh();
        if (q == null && p.getQuality() != Quality.MISSING) {
            return invalid("point " + i + " has no quantity but quality " + p.getQuality() + " (only MISSING may omit it)");
        }
        if (q != null && p.getQuality() == Quality.MISSING) {
            return invalid("point " + i + " is MISSING but carries a quantity " + q + " Wh");
        }
        if (q != null && q < 0) {
            return invalid("point " + i + " has negative energy " + q + " Wh");
        }
        if (q != null && q > maxIntervalWh) {
            return invalid("point " + i + " has " + q + " Wh, above the plausible maximum " + maxIntervalWh
                    + " Wh per interval (setting klimaflow.max.interval.wh)");
        }
        return null;
    }

    private Rejection checkTime(long start, long end, long now) {
        if (end > now + clockSkewMs) {
            return invalid("interval ending " + java.time.Instant.ofEpochMilli(end) + " lies in the future (now " + java.time.Instant.ofEpochMilli(now) + ")");
        }
        if (start < now - horizonMs) {
            return Rejection.of(ReasonCode.TOO_OLD, "interval starting " + java.time.Instant.ofEpochMilli(start)
                    + " is older than the correction horizon of " + horizonMs / 86_400_000L + " days");
        }
        if (liveHorizonMs >= 0 && end > now - liveHorizonMs) {
            return Rejection.of(ReasonCode.WITHIN_LIVE_HORIZON, "interval ending " + java.time.Instant.ofEpochMilli(end)
                    + " is not before the live correction horizon (starts " + java.time.Instant.ofEpochMilli(now - liveHorizonMs)
                    + ", " + liveHorizonMs / 86_400_000L + " days ago): the live pipeline counts it, so send it to the live topics;"
                    + " a series across that start is taken once all of it is older");
        }
        return null;
    }

    public Rejection check(String key, DistrictHeatingReading r, long now) {
        if (r.getMeterId().isBlank() || r.getMeterId().contains("|")) {
            return invalid("meterId '" + r.getMeterId() + "' is empty or contains '|'");
        }
        if (!r.getMeterId().equals(key)) {
            return invalid("record key '" + key + "' differs from meterId " + r.getMeterId() + ": key by meter id");
        }
        double reg = r.getEnergyRegister();
        if (!Double.isFinite(reg) || reg < 0) {
            return invalid("energy register " + reg + " is not a non-negative number");
        }
        double whPerUnit = switch (r.getUnit()) {
            case KWH -> 1e3;
            case MWH -> 1e6;
            case GJ -> 1e9 / 3_600;
        };
        if (reg * whPerUnit > MAX_REGISTER_WH) { // in double: the exact conversion of a huge register would not fit a long
            return invalid("energy register " + reg + " " + r.getUnit() + " is implausibly large");
        }
        return checkTime(r.getReadAt().toEpochMilli(), r.getReadAt().toEpochMilli(), now);
    }

    /**
     * The heat register rules for the segment between two readings of one meter: a register that goes down without a meter
     * replacement (the new meter's start reading, event METER_INSTALLED) is rejected, never guessed to be a reset or a
     * roll-over; and the segment's energy spread over its time must not exceed klimaflow.max.heat.wh.per.hour. Checked against
     * both neighbours of a reading, this bounds the energy every hour of the meter gets (plus at most 1 Wh of rounding). A
     * segment that ends or starts a series (see {@link RegisterSpreader#metered}) carries no energy and passes.
     */
    public Rejection checkHeatSegment(RegisterSpreader.Reading from, RegisterSpreader.Reading to) {
        if (from.startWh() >= 0 && to.endWh() >= 0 && to.endWh() < from.startWh()) {
            return invalid("heat register went down from " + from.startWh() + " Wh at " + java.time.Instant.ofEpochMilli(from.at())
                    + " to " + to.endWh() + " Wh at " + java.time.Instant.ofEpochMilli(to.at())
                    + " without a meter replacement: a lower register is not taken as a reset; send a replaced meter's final reading"
                    + " as event METER_REMOVED and the new meter's start reading as METER_INSTALLED, then its readings again");
        }
        long energy = RegisterSpreader.segmentEnergy(from, to);
        long span = to.at() - from.at();
        java.math.BigInteger used = java.math.BigInteger.valueOf(energy).multiply(java.math.BigInteger.valueOf(LocalCalendar.HOUR_MS));
        if (used.compareTo(java.math.BigInteger.valueOf(maxHeatWhPerHour).multiply(java.math.BigInteger.valueOf(span))) <= 0) {
            return null;
        }
        return invalid("heat register gives " + energy + " Wh between " + java.time.Instant.ofEpochMilli(from.at()) + " and "
                + java.time.Instant.ofEpochMilli(to.at()) + ", more than the plausible maximum of " + maxHeatWhPerHour
                + " Wh per hour (setting klimaflow.max.heat.wh.per.hour)");
    }
}
