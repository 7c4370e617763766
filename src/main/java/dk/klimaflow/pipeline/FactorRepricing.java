package dk.klimaflow.pipeline;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.EmissionFactor;
import dk.klimaflow.domain.FactorTable;
import dk.klimaflow.domain.LocalCalendar;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The emission factors of one {@link FactorCellProcessor} task and what a change of them does to its cells. Input: factor
 * updates from the factor broadcast (key carrier|area|method|edition|validFrom; a null factor removes the key). State: the
 * task's factors (store {@code emission-factors}, the same key), loaded into a {@link FactorTable} at init, and the hour
 * cells (store {@code factor-cells}, key carrier|area|hour|municipality|sector). Output: for every quarter-hour whose
 * applicable factor changed, the change Wh x (new - old) as a restatement, summed per aggregate window into the task's
 * {@link UnpublishedChanges}. Factors that end before the correction horizon are forgotten: nothing they could price may
 * still change.
 */
final class FactorRepricing {
    private final KeyValueStore<String, EmissionFactor> factors;
    private final KeyValueStore<String, HourCell> cells;
    private final FactorTable table;
    private final UnpublishedChanges unpublished;
    private final Duration horizon;

    FactorRepricing(KeyValueStore<String, EmissionFactor> factors, KeyValueStore<String, HourCell> cells, FactorTable table,
            UnpublishedChanges unpublished, Duration horizon) {
        this.factors = factors;
        this.cells = cells;
        this.table = table;
        this.unpublished = unpublished;
        this.horizon = horizon;
        try (var it = factors.all()) {
            it.forEachRemaining(kv -> table.put(kv.value));
        }
    }

    /** The factors in force, for pricing new energy. */
    FactorTable table() {
        return table;
    }

    /** Applies a factor update ({@code factor} null: removed) at wall-clock {@code now}, re-pricing what it changes. */
    void apply(String key, EmissionFactor factor, long now) {
        EmissionFactor old = factors.get(key);
        if (old == null && factor == null || factor != null && factor.equals(old)) {
            return;
        }
        if (factor != null && factor.getValidTo().toEpochMilli() < now - horizon.toMillis()) {
            return; // older than the correction horizon: no energy it could price is kept
        }
        if (old != null) {
            table.remove(old);
        }
        if (factor != null) {
            table.put(factor);
            factors.put(key, factor);
        } else {
            factors.delete(key);
        }
        for (EmissionFactor f : new EmissionFactor[] {old, factor}) {
            if (f != null && table.applies(f)) {
                reprice(f.getCarrier(), f.getArea(), f.getValidFrom().toEpochMilli(), f.getValidTo().toEpochMilli());
            }
        }
    }

    /** Drops the factors that end before the correction horizon at wall-clock {@code now}. */
    void forgetExpired(long now) {
        List<KeyValue<String, EmissionFactor>> expired = new ArrayList<>();
        try (var it = factors.all()) {
            it.forEachRemaining(kv -> {
                if (kv.value.getValidTo().toEpochMilli() < now - horizon.toMillis()) {
                    expired.add(kv);
                }
            });
        }
        for (var kv : expired) {
            factors.delete(kv.key);
            table.remove(kv.value);
        }
    }

    /** Re-prices every quarter of this task's cells of (carrier, area) in [from, to) whose applicable factor changed. */
    private void reprice(Carrier carrier, String area, long from, long to) {
        long firstHour = LocalCalendar.floorHour(from);
        long lastHour = LocalCalendar.floorHour(to - 1);
        WindowChanges batch = new WindowChanges();
        List<KeyValue<String, HourCell>> affected = new ArrayList<>();
        try (var it = cells.range(carrier + "|" + area + "|" + LocalCalendar.pad13(firstHour),
                FactorCellProcessor.cellKey(carrier, area, lastHour, "~", "~"))) {
            it.forEachRemaining(affected::add);
        }
        for (KeyValue<String, HourCell> kv : affected) {
            String[] parts = kv.key.split("\\|");
            long hour = Long.parseLong(parts[2]);
            HourCell cell = kv.value.copy();
            boolean changed = false;
            for (int q = 0; q < HourCell.QUARTERS; q++) {
                long slotStart = hour + q * LocalCalendar.QUARTER_MS;
                if (slotStart < from || slotStart >= to) {
                    continue;
                }
                CellChange change = CellChange.reprice(cell, q, table.resolve(carrier, area, slotStart));
                if (change != null) {
                    changed = true;
                    batch.add(parts[3], parts[4], carrier, slotStart, change.toDelta(0, 0, 0, change.restates(), 0), new long[4]);
                }
            }
            if (changed) {
                cells.put(kv.key, cell);
            }
        }
        batch.addTo(unpublished);
    }
}
