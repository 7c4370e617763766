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
 * the hours of a segment add up exactly to D. A reading has two sides: the register that ends the segment before it and the
 * one that starts the segment after it; they differ only at a meter replacement (the old meter's final reading and the new
 * meter's start reading at one instant). A segment is unmetered, and carries no energy, when it starts at an old meter's
 * final reading without a start reading ({@link #NO_REGISTER}), ends at a new meter's start reading without a final reading,
 * or its register goes down (intake rejects such a reading; the rule here only keeps energy from ever being guessed or
 * negative). An hour that takes time only from unmetered segments is missing ({@link #missingHours}); an hour that takes
 * energy from a segment longer than {@link #MAX_MEASURED_SEGMENT_MS} (a monthly reading, a meter that was silent for hours) or
 * is partly unmetered is only an estimate of that hour's share, so it is not MEASURED ({@link #spreadHours}); the segment's
 * total is still exactly what the meter measured.
 */
public final class RegisterSpreader {
    private RegisterSpreader() {
    }

    /** The longest segment whose hours count as measured: an hourly meter's readings, with a quarter-hour of slack. */
    public static final long MAX_MEASURED_SEGMENT_MS = LocalCalendar.HOUR_MS + LocalCalendar.HOUR_MS / 4;

    /** A side of a reading with no register: the series ends here (final reading) or starts here (start reading). */
    public static final long NO_REGISTER = -1;

    /**
     * A register reading: time in epoch millis; {@code endWh} the register that ends the segment before it, {@code startWh}
     * the one that starts the segment after it (equal for an ordinary reading; {@link #NO_REGISTER} where a series ends or
     * starts).
     */
    public record Reading(long at, long endWh, long startWh) {
        public Reading(long at, long registerWh) {
            this(at, registerWh, registerWh);
        }
    }

    /** Whether the segment from {@code a} to {@code b} has a register difference (both sides present, not going down). */
    public static boolean metered(Reading a, Reading b) {
        return a.startWh() >= 0 && b.endWh() >= 0 && b.endWh() >= a.startWh();
    }

    /** The energy of the segment from {@code a} to {@code b}: the register difference, or 0 when it is unmetered. */
    public static long segmentEnergy(Reading a, Reading b) {
        return metered(a, b) ? b.endWh() - a.startWh() : 0;
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
     * include every reading inside the range plus the nearest one on each side, when they exist. Hours that only unmetered
     * segments touch are present with 0 (see {@link #missingHours}).
     */
    public static NavigableMap<Long, Long> hourly(List<Reading> sorted, long fromHour, long toHour) {
        NavigableMap<Long, Long> out = new TreeMap<>();
        for (int i = 1; i < sorted.size(); i++) {
            Reading a = sorted.get(i - 1);
            Reading b = sorted.get(i);
            long d = segmentEnergy(a, b);
            long first = Math.max(fromHour, LocalCalendar.floorHour(a.at()));
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
     * The hours in [fromHour, toHour) that are not MEASURED but carry energy: they take energy from a segment longer than
     * {@link #MAX_MEASURED_SEGMENT_MS} (spread by time from a sparse reading), or part of their time is unmetered. Same
     * readings as {@link #hourly}.
     */
    public static Set<Long> spreadHours(List<Reading> sorted, long fromHour, long toHour) {
        Set<Long> metered = touched(sorted, fromHour, toHour, true, false);
        Set<Long> out = touched(sorted, fromHour, toHour, true, true);
        Set<Long> partlyUnmetered = touched(sorted, fromHour, toHour, false, false);
        partlyUnmetered.retainAll(metered);
        out.addAll(partlyUnmetered);
        return out;
    }

    /** The hours in [fromHour, toHour) that only unmetered segments touch: no energy is known for them. */
    public static Set<Long> missingHours(List<Reading> sorted, long fromHour, long toHour) {
        Set<Long> out = touched(sorted, fromHour, toHour, false, false);
        out.removeAll(touched(sorted, fromHour, toHour, true, false));
        return out;
    }

    /** Hours touched by metered (or unmetered) segments; with {@code longOnly}, only by those longer than the measured limit. */
    private static Set<Long> touched(List<Reading> sorted, long fromHour, long toHour, boolean metered, boolean longOnly) {
        Set<Long> out = new HashSet<>();
        for (int i = 1; i < sorted.size(); i++) {
            Reading a = sorted.get(i - 1);
            Reading b = sorted.get(i);
            if (metered(a, b) != metered || longOnly && b.at() - a.at() <= MAX_MEASURED_SEGMENT_MS) {
                continue;
            }
            long first = Math.max(fromHour, LocalCalendar.floorHour(a.at()));
            for (long h = first; h < toHour && h < b.at(); h += LocalCalendar.HOUR_MS) {
                if (Math.min(h + LocalCalendar.HOUR_MS, b.at()) > Math.max(h, a.at())) {
                    out.add(h);
                }
            }
        }
        return out;
    }
}
