package dk.klimaflow.bench;

import dk.klimaflow.avro.SectorEmissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a backlog run has seen of {@code emissions.sector.daily} so far, against the expected daily totals. Input: the
 * expected {@link ExpectedTotals} (day cells), the number of readings per carrier ({@code ELECTRICITY},
 * {@code DISTRICT_HEATING}), then {@link #add} with each decoded aggregate update; cells are keyed by (municipality, sector,
 * carrier, day), {@link ExpectedTotals.Cell}, and each update replaces its cell's previous value. Output: whether every
 * expected cell equals its expected Wh and CO2e micrograms ({@link #complete}), the progress in readings
 * ({@link #readingsReflected}), the share of the expected energy seen ({@link #energyShare}), and the cells that differ:
 * {@link #unmatched} in Wh and micrograms, {@link #differences} also in CO2e grams and pending factor energy.
 */
final class DailyTally {
    private final ExpectedTotals expected;
    private final long expectedWh;
    private final Map<String, Long> readingsOf;
    private final Map<String, long[]> byCarrier = new HashMap<>(); // carrier -> {seen Wh, expected Wh}
    private final Map<ExpectedTotals.Cell, SectorEmissions> latest = new HashMap<>();
    private final Map<ExpectedTotals.Cell, ExpectedTotals.Totals> observed = new HashMap<>();
    private final Set<ExpectedTotals.Cell> matched = new HashSet<>();
    private long seenWh;

    DailyTally(ExpectedTotals expected, Map<String, Long> readingsOf) {
        this.expected = expected;
        this.expectedWh = expected.totalWh();
        this.readingsOf = readingsOf;
        expected.cells().forEach((c, t) -> byCarrier.computeIfAbsent(c.carrier(), k -> new long[2])[1] += t.energyWh());
    }

    void add(SectorEmissions s) {
        ExpectedTotals.Cell cell = AggregateWatcher.cellOf(s);
        ExpectedTotals.Totals t = new ExpectedTotals.Totals(s.getEnergyWh(), s.getCo2eMicrograms());
        ExpectedTotals.Totals before = observed.put(cell, t);
        seenWh += t.energyWh() - (before == null ? 0 : before.energyWh());
        byCarrier.computeIfAbsent(cell.carrier(), k -> new long[2])[0] += t.energyWh() - (before == null ? 0 : before.energyWh());
        latest.put(cell, s);
        if (expected.matches(cell, t)) {
            matched.add(cell);
        } else {
            matched.remove(cell);
        }
    }

    /** True when every expected cell equals its expected totals. */
    boolean complete() {
        return matched.size() >= expected.size();
    }

    /** The share of the expected energy seen so far; null when no energy is expected. */
    Double energyShare() {
        return expectedWh == 0 ? null : (double) seenWh / expectedWh;
    }

    /** Progress in readings: each carrier's share of its expected energy, weighted by its number of readings. */
    long readingsReflected() {
        double done = 0;
        for (var e : byCarrier.entrySet()) {
            if (e.getValue()[1] > 0) {
                done += Math.min(1.0, (double) e.getValue()[0] / e.getValue()[1]) * readingsOf.getOrDefault(e.getKey(), 0L);
            }
        }
        return (long) done;
    }

    /** The cells not (yet) as expected in Wh or micrograms, as {@link ExpectedTotals#compare} names them. */
    List<String> unmatched() {
        return expected.compare(observed);
    }

    /** {@link #unmatched}, and the cells whose CO2e grams differ or that still have energy waiting for a factor. */
    List<String> differences() {
        List<String> diff = new ArrayList<>(expected.compare(observed));
        latest.forEach((cell, s) -> {
            ExpectedTotals.Totals e = expected.cells().get(cell);
            if (e != null && s.getCo2eGrams() != e.co2eGrams()) {
                diff.add(cell + ": co2eGrams expected " + e.co2eGrams() + ", got " + s.getCo2eGrams());
            }
            if (s.getPendingFactorWh() != 0) {
                diff.add(cell + ": pendingFactorWh expected 0, got " + s.getPendingFactorWh());
            }
        });
        return diff;
    }
}
