package dk.klimaflow.pipeline;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.SectorTotals;
import dk.klimaflow.domain.Granularity;
import dk.klimaflow.domain.LocalCalendar;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Sums the changes of one task per aggregate window (store {@code pending-deltas}, key
 * GRAN|municipality|sector|carrier|windowStart) between flushes, so the aggregate topic sees one change per window and flush
 * instead of one per reading. The store is changelogged: under exactly-once a flush and the input it sums commit together.
 */
final class PendingDeltas {
    private final KeyValueStore<String, SectorTotals> store;

    PendingDeltas(KeyValueStore<String, SectorTotals> store) {
        this.store = store;
    }

    static String key(Granularity g, String municipality, String sector, Carrier carrier, long windowStart) {
        return g + "|" + municipality + "|" + sector + "|" + carrier + "|" + String.format("%013d", windowStart);
    }

    Batch batch() {
        return new Batch();
    }

    /**
     * Changes summed in memory for one input record, then added to the store once per window ({@link #commit}): a time series
     * of 16 quarter-hours touches 4 hour windows and one day, month and year instead of 64 store updates.
     */
    final class Batch {
        private final Map<String, SectorTotals> sums = new HashMap<>();

        /** Adds {@code change} to the hour, day, month and year windows of {@code instant}; firstInWindow by granularity. */
        void add(String municipality, String sector, Carrier carrier, long instant, SectorTotals change, long[] firstInWindow) {
            for (Granularity g : Granularity.values()) {
                change.setMeteringPoints(firstInWindow[g.ordinal()]);
                if (TotalsMath.isZero(change) && change.getRestatements() == 0) {
                    continue;
                }
                LocalCalendar.Window w = LocalCalendar.window(g, instant);
                String key = key(g, municipality, sector, carrier, w.start());
                SectorTotals acc = sums.get(key);
                if (acc == null) {
                    sums.put(key, SectorTotals.newBuilder(change).setMunicipalityCode(municipality).setGpcSector(sector).setCarrier(carrier)
                            .setGranularity(g.name()).setWindowStart(w.start()).setWindowEnd(w.end()).build());
                } else {
                    TotalsMath.addInto(acc, change);
                }
            }
        }

        void commit() {
            sums.forEach((key, sum) -> {
                SectorTotals acc = store.get(key);
                if (acc == null) {
                    store.put(key, sum);
                } else {
                    TotalsMath.addInto(acc, sum);
                    store.put(key, acc);
                }
            });
        }
    }

    void flush(ProcessorContext<String, Object> context, String sink, long now) {
        List<KeyValue<String, SectorTotals>> all = new ArrayList<>();
        try (var it = store.all()) {
            it.forEachRemaining(all::add);
        }
        for (KeyValue<String, SectorTotals> kv : all) {
            store.delete(kv.key);
            if (!TotalsMath.isZero(kv.value)) {
                context.forward(new Record<>(kv.key, kv.value, now), sink);
            }
        }
    }
}
