package dk.klimaflow.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * DST-safe calendar windows in Danish local time (Europe/Copenhagen): the start and end, as UTC instants, of the local hour,
 * day, month and year containing an instant. Local days are 23, 24 or 25 hours long; an hour is the same in UTC and local time
 * because Denmark's offsets are whole hours. All aggregation windows are computed here and nowhere else.
 */
public final class LocalCalendar {
    public static final ZoneId ZONE = ZoneId.of("Europe/Copenhagen");
    public static final long HOUR_MS = 3_600_000L;
    public static final long QUARTER_MS = 900_000L;

    private LocalCalendar() {
    }

    /** A half-open window [start, end) in epoch millis. */
    public record Window(long start, long end) {
        public boolean contains(long t) {
            return t >= start && t < end;
        }
    }

    /** The last day, month and year window computed, by granularity ordinal: readings come in runs of the same day. */
    private static final Window[] LAST = new Window[Granularity.values().length];

    public static Window window(Granularity g, long instant) {
        if (g == Granularity.HOUR) {
            long start = floorHour(instant);
            return new Window(start, start + HOUR_MS);
        }
        Window last = LAST[g.ordinal()];
        if (last != null && last.contains(instant)) {
            return last;
        }
        Window w = computeWindow(g, instant);
        LAST[g.ordinal()] = w; // a racy but safe memo: Window is immutable and any thread's value is correct
        return w;
    }

    private static Window computeWindow(Granularity g, long instant) {
        LocalDate date = Instant.ofEpochMilli(instant).atZone(ZONE).toLocalDate();
        LocalDate first = switch (g) {
            case DAY -> date;
            case MONTH -> date.withDayOfMonth(1);
            default -> date.withDayOfYear(1);
        };
        LocalDate next = switch (g) {
            case DAY -> first.plusDays(1);
            case MONTH -> first.plusMonths(1);
            default -> first.plusYears(1);
        };
        return new Window(startOfDay(first), startOfDay(next));
    }

    /** The instant local midnight begins on {@code date} (DST changes in Denmark happen at 02:00/03:00, never at midnight). */
    public static long startOfDay(LocalDate date) {
        return date.atStartOfDay(ZONE).toInstant().toEpochMilli();
    }

    /** The start of the hour in which {@code instant} lies (hours are the same in UTC and local time in Denmark). */
    public static long floorHour(long instant) {
        return Math.floorDiv(instant, HOUR_MS) * HOUR_MS;
    }

    /** The end of the hour in which {@code instant} lies, or the instant itself on an hour boundary. */
    public static long ceilHour(long instant) {
        return -Math.floorDiv(-instant, HOUR_MS) * HOUR_MS;
    }

    /** Number of quarter-hours in the local day that starts at {@code dayStart}: 92, 96 or 100. */
    public static int quartersInDay(long dayStart) {
        return (int) ((window(Granularity.DAY, dayStart).end() - dayStart) / QUARTER_MS);
    }

    /** Epoch millis as 13 zero-padded digits, so that store keys sort by time (String.format is too slow on the hot path). */
    public static String pad13(long millis) {
        String digits = Long.toString(millis);
        if (millis < 0 || digits.length() >= 13) {
            return millis < 0 ? String.format("%013d", millis) : digits;
        }
        return "0000000000000".substring(digits.length()) + digits;
    }

    /** ISO local representation with offset, e.g. 2026-03-29T00:00+01:00, for keys and display. */
    public static String isoLocal(long instant) {
        return ZonedDateTime.ofInstant(Instant.ofEpochMilli(instant), ZONE).toOffsetDateTime().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
