package dk.klimaflow.pipeline;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.domain.EnergyLimits;
import dk.klimaflow.domain.Granularity;
import dk.klimaflow.domain.LocalCalendar;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps every aggregate window's CO2e inside a long of micrograms, whatever the input. Store {@code year-energy} (key
 * {@code municipality|sector|carrier|yearStart}, value the Wh this task holds there; all values are non-negative, so a year
 * bounds its months, days and hours) is checked before factor-cells writes anything: this task's share of a year may hold at
 * most {@code Long.MAX_VALUE / (partitions x max factor in mg/kWh)} Wh, so the sum over all partitions, priced at any
 * accepted factor, fits (6 partitions: 768 GWh per task, 4.6 TWh per municipality, sector, carrier and year in all). An input
 * that would pass it throws {@link ArithmeticException}; intake quarantines that record and dead-letters it as
 * PROCESSING_ERROR on the retry, exactly-once having discarded everything it did.
 */
final class YearBudget {
    private final KeyValueStore<String, Long> store;
    private final long maxWhPerTask;
    private final Map<Year, Long> pending = new HashMap<>();

    /** A year of one aggregate cell while a record is priced: a record's hash is cheap where the store key per hour is not. */
    private record Year(String municipality, String sector, Carrier carrier, long yearStart) {
        String storeKey() {
            return municipality + "|" + sector + "|" + carrier + "|" + LocalCalendar.pad13(yearStart);
        }
    }

    YearBudget(KeyValueStore<String, Long> store, int partitions) {
        this.store = store;
        this.maxWhPerTask = Long.MAX_VALUE / Math.max(1, partitions) / EnergyLimits.maxFactorMilligrams();
    }

    /** Notes {@code wh} (may be negative) for the year of {@code slotStart}; nothing is stored until {@link #commit}. */
    void add(String municipality, String sector, Carrier carrier, long slotStart, long wh) {
        if (wh != 0) {
            pending.merge(new Year(municipality, sector, carrier, LocalCalendar.window(Granularity.YEAR, slotStart).start()), wh, Math::addExact);
        }
    }

    /** Checks every noted year against the budget (throws and stores nothing if one passes it), then stores them all. */
    void commit() {
        Map<String, Long> after = new HashMap<>();
        try {
            pending.forEach((year, wh) -> {
                String key = year.storeKey();
                Long held = store.get(key);
                long total = Math.addExact(held == null ? 0 : held, wh);
                if (total > maxWhPerTask) {
                    throw new ArithmeticException("energy of " + key + " on this task would reach " + total + " Wh, more than "
                            + maxWhPerTask + " Wh (beyond it the year's CO2e in micrograms could overflow)");
                }
                after.put(key, total);
            });
        } finally {
            pending.clear();
        }
        after.forEach((key, total) -> {
            if (total == 0) {
                store.delete(key);
            } else {
                store.put(key, total);
            }
        });
    }
}
