package dk.klimaflow.domain;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Turns consecutive register readings of one heat meter into energy per UTC hour. Each segment between two readings
 * [a, b] carries the register delta D in Wh, spread in proportion to time: the energy up to instant x is
 * floor(D (x - a) / (b - a)), and an hour gets the difference at its two edges inside the segment (the carried remainder), so
 * the hours of a segment add up exactly to D. Reset rule: if a register goes down (meter reset, replacement or roll-over), the
 * segment's energy is the new register value itself (the meter is taken to have restarted from zero at the reset): never
 * negative, and the energy measured after the reset is kept. An hour that takes energy from a segment longer than
 * {@link #MAX_MEASURED_SEGMENT_MS} (a monthly reading, a meter that was silent for hours) is only an estimate of that hour's
 * share, so it is not MEASURED ({@link #spreadHours}); the segment's total is still exactly what the meter measured.
 */
public final class RegisterSpreader {
    private RegisterSpreader() {
    }

    /** The longest segment whose hours count as measured: an hourly meter's readings, with a quarter-hour of slack. */
    public static final long MAX_MEASURED_SEGMENT_MS = LocalCalendar.HOUR_MS + LocalCalendar.HOUR_MS / 4;

    /** A register reading: time in epoch millis, register in Wh. */
    public record Reading(long at, long registerWh) {
    }

    public static long segmentEnergy(long previousWh, long currentWh) {
        return currentWh >= previousWh ? currentWh - previousWh : currentWh;
    }

    /** Energy of the segment [a, b] with delta d up to instant x (a <= x <= b). */
    static long cumulative(long d, long a, long b, long x) {
        if (x <= a) {
            return 0;
        }
        if (x >= b) {
            return d;
        }
        return BigInteger.valueOf(d).multiply(BigInteger.valueOf(x - a)).divide(BigInteger.valueOf(b - a)).longValueExact();
    }

    /**
     * Energy per hour (key: hour start) for the hours in [fromHour, toHour) from readings sorted by time. The readings must
     * include every reading inside the range plus the nearest one on each side, when they exist.
     */
    public static NavigableMap<Long, Long> hourly(List<Reading> sorted, long fromHour, long toHour) {
        NavigableMap<Long, Long> out = new TreeMap<>();
        for (int i = 1; i < sorted.size(); i++) {
            Reading a = sorted.get(i - 1);
            Reading b = sorted.get(i);
            long d = segmentEnergy(a.registerWh(), b.registerWh());
            long first = Math.max(fromHour, Math.floorDiv(a.at(), LocalCalendar.HOUR_MS) * LocalCalendar.HOUR_MS);
            for (long h = first; h < toHour && h < b.at(); h += LocalCalendar.HOUR_MS) {
                long lo = Math.max(h, a.at());
                long hi = Math.min(h + LocalCalendar.HOUR_MS, b.at());
                if (hi > lo) {
                    long part = cumulative(d, a.at(), b.at(), hi) - cumulative(d, a.at(), b.at(), lo);
                    out.merge(h, part, Long::sum);
                }
            }
        }
        return out;
    }

    /**
     * The hours in [fromHour, toHour) that take energy from a segment longer than {@link #MAX_MEASURED_SEGMENT_MS}: spread by
     * time from a sparse reading, so estimated, not measured. Same readings as {@link #hourly}.
     */
    public static Set<Long> spreadHours(List<Reading> sorted, long fromHour, long toHour) {
        Set<Long> out = new HashSet<>();
        for (int i = 1; i < sorted.size(); i++) {
            Reading a = sorted.get(i - 1);
            Reading b = sorted.get(i);
            if (b.at() - a.at() <= MAX_MEASURED_SEGMENT_MS) {
                continue;
            }
            long first = Math.max(fromHour, Math.floorDiv(a.at(), LocalCalendar.HOUR_MS) * LocalCalendar.HOUR_MS);
            for (long h = first; h < toHour && h < b.at(); h += LocalCalendar.HOUR_MS) {
                if (Math.min(h + LocalCalendar.HOUR_MS, b.at()) > Math.max(h, a.at())) {
                    out.add(h);
                }
            }
        }
        return out;
    }
}
