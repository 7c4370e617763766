package dk.klimaflow.pipeline;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.domain.Granularity;
import dk.klimaflow.domain.LocalCalendar;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The aggregate changes caused by one input record (a time series, a heat reading, a factor change), summed in memory per
 * window (key GRAN|municipality|sector|carrier|windowStart) and forwarded to the aggregate-deltas topic when that record is
 * done. It lives only for the record being processed, so nothing is held across a commit: under exactly-once each change
 * commits with the input that caused it. A day-long series of 96 quarter-hours becomes 24 hour changes and one change per
 * day, month and year instead of 384. Coalescing across records happens downstream, in the record cache of the
 * {@code sector-emissions} table.
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

    /** Forwards every non-zero window sum to {@code sink}, stamped with the wall clock; a change that sums to zero is dropped. */
    void forward(ProcessorContext<String, WindowDelta> context, String sink) {
        long timestamp = context.currentSystemTimeMs(); // wall clock: old event times would fall outside the topic's retention
        sums.forEach((key, sum) -> {
            if (!sum.isZero()) {
                context.forward(new Record<>(key(key.granularity(), key.municipality(), key.sector(), key.carrier(), key.start()), sum, timestamp), sink);
            }
        });
        sums.clear();
    }
}
