package dk.klimaflow.domain;

/**
 * When a silent heat meter's hours are missing. A meter's readings cover its time up to the hour in which its newest reading
 * lies ({@code coveredUntil}, the newest readAt rounded up to the hour; that hour's energy up to the reading is known). An
 * hour after that which ended at least {@code silentAfter} ago with no reading yet is missing: it is shown as MISSING (no
 * energy, counted in missingIntervals), never as an hour of zero energy. When a reading finally arrives, the segment from the
 * newest reading to it spreads its energy over those hours (ESTIMATED, as any spread over more than
 * {@link RegisterSpreader#MAX_MEASURED_SEGMENT_MS}), which replaces the MISSING versions. Hours before the correction horizon
 * are closed and never marked.
 */
public final class HeatSilence {
    private HeatSilence() {
    }

    /**
     * The hours [from, to) to mark missing now, as {@code {from, to}}, or null when there are none: after both
     * {@code coveredUntil} and {@code missingUntil} (the end of the hours already marked), from the horizon {@code cutoff} on,
     * up to the last hour that ended at least {@code silentAfterMs} before {@code now}. A {@code silentAfterMs} of 0 or less
     * turns the rule off.
     */
    public static long[] missingHours(long coveredUntil, long missingUntil, long cutoff, long now, long silentAfterMs) {
        if (silentAfterMs <= 0) {
            return null;
        }
        long from = Math.max(Math.max(coveredUntil, missingUntil), ceilHour(cutoff));
        long to = LocalCalendar.floorHour(now - silentAfterMs);
        return from < to ? new long[] {from, to} : null;
    }

    /** The end of the hour in which {@code readAt} lies, or readAt itself on an hour boundary. */
    public static long ceilHour(long readAt) {
        return LocalCalendar.ceilHour(readAt);
    }
}
