package dk.klimaflow.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sums of {@link EmissionWindow}s over a query's range, per GPC sector and carrier and in all: energy, CO2e, the completeness
 * fields, the municipal-operations part, the least authoritative factor edition met ({@code NONE} when some window has no
 * factor yet) and how many windows used each edition. Output of {@code /api/totals}.
 */
public final class Totals {

    /** The sums for one sector and carrier ({@code ALL} in the grand total). */
    public record Row(String gpcSector, String carrier, int windows, long energyWh, long co2eGrams, long pendingFactorWh,
                      long measuredWh, long estimatedWh, long missingIntervals, int maxMeteringPoints,
                      long municipalOperationEnergyWh, long municipalOperationCo2eGrams, String worstEdition,
                      Map<String, Integer> editions, long maxRevision, String lastUpdatedAt) {
    }

    /** The answer of {@code /api/totals}. */
    public record Answer(String municipality, String granularity, String from, String to, List<Row> sectors, Row total) {
    }

    static final List<String> EDITION_ORDER = List.of("NONE", "FORECAST", "ACTUAL", "DECLARATION");

    private Totals() {
    }

    public static Answer of(EmissionsQuery q, List<EmissionWindow> windows) {
        Map<String, Sum> perSeries = new TreeMap<>();
        Sum all = new Sum("ALL", "ALL");
        for (EmissionWindow w : windows) {
            perSeries.computeIfAbsent(w.gpcSector() + "|" + w.carrier(), k -> new Sum(w.gpcSector(), w.carrier())).add(w);
            all.add(w);
        }
        List<Row> rows = new ArrayList<>();
        perSeries.values().forEach(s -> rows.add(s.row()));
        return new Answer(q.municipality(), q.granularity().lower(), EmissionWindow.time(q.from()), EmissionWindow.time(q.to()),
                rows, all.row());
    }

    private static final class Sum {
        final String sector;
        final String carrier;
        int windows;
        long energyWh, co2eGrams, pendingFactorWh, measuredWh, estimatedWh, missingIntervals, opEnergyWh, opCo2eGrams, maxRevision;
        int maxMeteringPoints;
        String lastUpdatedAt;
        final Map<String, Integer> editions = new TreeMap<>((a, b) -> EDITION_ORDER.indexOf(a) - EDITION_ORDER.indexOf(b));

        Sum(String sector, String carrier) {
            this.sector = sector;
            this.carrier = carrier;
        }

        void add(EmissionWindow w) {
            windows++;
            energyWh += w.energyWh();
            co2eGrams += w.co2eGrams();
            pendingFactorWh += w.pendingFactorWh();
            measuredWh += w.measuredWh();
            estimatedWh += w.estimatedWh();
            missingIntervals += w.missingIntervals();
            opEnergyWh += w.municipalOperationEnergyWh();
            opCo2eGrams += w.municipalOperationCo2eGrams();
            maxRevision = Math.max(maxRevision, w.revision());
            maxMeteringPoints = Math.max(maxMeteringPoints, w.meteringPoints());
            editions.merge(w.worstEdition() == null ? "NONE" : w.worstEdition(), 1, Integer::sum);
            if (w.updatedAt() != null && (lastUpdatedAt == null || instant(w.updatedAt()) > instant(lastUpdatedAt))) {
                lastUpdatedAt = w.updatedAt();
            }
        }

        private static long instant(String iso) {
            return java.time.OffsetDateTime.parse(iso).toInstant().toEpochMilli();
        }

        Row row() {
            String worst = editions.isEmpty() ? null : editions.keySet().iterator().next();
            return new Row(sector, carrier, windows, energyWh, co2eGrams, pendingFactorWh, measuredWh, estimatedWh, missingIntervals,
                    maxMeteringPoints, opEnergyWh, opCo2eGrams, worst, new java.util.LinkedHashMap<>(editions), maxRevision, lastUpdatedAt);
        }
    }
}
