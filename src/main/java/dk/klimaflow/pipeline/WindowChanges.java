package dk.klimaflow.pipeline;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.domain.Granularity;
import dk.klimaflow.domain.LocalCalendar;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The aggregate changes caused by one input record (a time series, a heat reading, a factor change), summed in memory per
 * window (key GRAN|municipality|sector|carrier|windowStart) and added to the task's {@link UnpublishedChanges} when that
 * record is done. It lives only for the record being processed. A day-long series of 96 quarter-hours becomes 24 hour
 * changes and one change per day, month and year instead of 384; across records, {@link UnpublishedChanges} sums them
 * further until they are published.
 */
final class WindowChanges {
    private final Map<WindowKey, WindowDelta> sums = new LinkedHashMap<>();

    /** A window while one input is summed; its store key is built once, when the sum is forwarded. */
    private record WindowKey(Granularity granularity, String municipality, String sector, Carrier carrier, long start) {
    }

    static String key(Granularity g, String municipality, String sector, Carrier carrier, long windowStart) {
        return g + "|" + municipality + "|" + sector + "|" + carrier + "|" + LocalCalendar.pad13(windowStart);
    }

    /** Adds {@code change} to the hour, day, month and year windows of {@code instant}; firstInWindow by granularity. */
    void add(String municipality, String sector, Carrier carrier, long instant, WindowDelta change, long[] firstInWindow) {
        for (Granularity g : Granularity.values()) {
            change.meteringPoints = firstInWindow[g.ordinal()];
            if (change.isZero() && change.restatements == 0) {
                continue;
            }
            WindowKey key = new WindowKey(g, municipality, sector, carrier, LocalCalendar.window(g, instant).start());
            WindowDelta acc = sums.get(key);
            if (acc == null) {
                sums.put(key, change.copy());
            } else {
                acc.addAll(change);
            }
        }
    }

    /** Adds every non-zero window sum to this task's unpublished changes; a change that sums to zero is dropped. */
    void addTo(UnpublishedChanges unpublished) {
        sums.forEach((key, sum) -> {
            if (!sum.isZero()) {
                unpublished.add(key(key.granularity(), key.municipality(), key.sector(), key.carrier(), key.start()), sum);
            }
        });
        sums.clear();
    }
}
