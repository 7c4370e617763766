package dk.klimaflow.importer;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.Edition;
import dk.klimaflow.avro.EmissionFactor;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;

/**
 * Energi Data Service {@code CO2Emis} (ACTUAL) and {@code CO2EmisProg} (FORECAST) 5-minute values (Minutes5UTC, PriceArea,
 * CO2Emission in g/kWh) to hourly electricity factors: the mean of the hour's values, rounded to 6 decimals. An hour with
 * fewer than twelve values is imported as the mean of those it has and flagged; a repeated 5-minute slot is a bad row.
 * Streaming: at most {@link #OPEN} hours are open at once (EDS files are sorted by time); a value for an hour already
 * completed is a bad row ("sort the file by time") rather than a second, partial factor. The files state no CHP method and
 * only CO2: method is {@code --method} (default 125%, Energinet's convention), basis {@link FactorBasis#CO2_ONLY}.
 */
public final class FiveMinuteFactors implements FactorRows {
    static final int OPEN = 8;
    private static final int CLOSED_REMEMBERED = 10_000;

    private final String dataset;
    private final Edition edition;
    private final String method;
    private final Map<String, Hour> open = new LinkedHashMap<>();
    private final LinkedHashSet<String> closed = new LinkedHashSet<>();

    private static final class Hour {
        final String area;
        final Instant start;
        final Row first;
        int slots;
        int count;
        BigDecimal sum = BigDecimal.ZERO;

        Hour(String area, Instant start, Row first) {
            this.area = area;
            this.start = start;
            this.first = first;
        }
    }

    public FiveMinuteFactors(String dataset, Edition edition, String method) {
        this.dataset = dataset;
        this.edition = edition;
        this.method = method;
    }

    /** ACTUAL for CO2Emis, FORECAST for CO2EmisProg (by the dataset name or file name). */
    public static Edition editionOf(String dataset) {
        return dataset.toLowerCase().contains("prog") ? Edition.FORECAST : Edition.ACTUAL;
    }

    @Override
    public void row(Row row, FactorSink out) throws BadRow {
        String area = row.get("PriceArea");
        if (!area.equals("DK1") && !area.equals("DK2")) {
            throw new BadRow("PriceArea '" + area + "' is not DK1 or DK2");
        }
        Instant at = LocalHours.utc(row.get("Minutes5UTC"));
        long ms = at.toEpochMilli();
        if (ms % 300_000L != 0) {
            throw new BadRow("Minutes5UTC " + at + " is not on a 5-minute boundary");
        }
        BigDecimal grams = DeclarationFactors.grams(row, "CO2Emission");
        Instant hourStart = Instant.ofEpochMilli(Math.floorDiv(ms, 3_600_000L) * 3_600_000L);
        String key = area + "|" + hourStart;
        if (closed.contains(key)) {
            throw new BadRow("a value for " + area + " hour " + hourStart + " comes after that hour was completed: sort the file by Minutes5UTC");
        }
        Hour hour = open.computeIfAbsent(key, k -> new Hour(area, hourStart, row));
        int slot = 1 << (int) ((ms - hourStart.toEpochMilli()) / 300_000L);
        if ((hour.slots & slot) != 0) {
            throw new BadRow("5-minute value " + at + " for " + area + " appears twice");
        }
        hour.slots |= slot;
        hour.count++;
        hour.sum = hour.sum.add(grams);
        while (open.size() > OPEN) {
            Iterator<Map.Entry<String, Hour>> eldest = open.entrySet().iterator();
            Map.Entry<String, Hour> e = eldest.next();
            eldest.remove();
            close(e.getKey(), e.getValue(), out);
        }
    }

    @Override
    public void end(FactorSink out) {
        for (Map.Entry<String, Hour> e : open.entrySet()) {
            close(e.getKey(), e.getValue(), out);
        }
        open.clear();
    }

    private void close(String key, Hour h, FactorSink out) {
        closed.add(key);
        if (closed.size() > CLOSED_REMEMBERED) {
            closed.remove(closed.iterator().next());
        }
        if (h.count < 12) {
            out.flag(h.first, h.area + " hour " + h.start + " has " + h.count + " of 12 five-minute values: imported as their mean");
        }
        BigDecimal mean = h.sum.divide(BigDecimal.valueOf(h.count), 6, RoundingMode.HALF_UP);
        String origin = "Energi Data Service " + dataset + " (Energinet, CC BY 4.0), hourly mean of " + h.count + " of 12 five-minute values";
        out.factor(FactorBasis.mark(EmissionFactor.newBuilder().setCarrier(Carrier.ELECTRICITY).setArea(h.area).setMethod(method).setEdition(edition)
                .setValidFrom(h.start).setValidTo(h.start.plusSeconds(3_600)).setGramsCo2ePerKWh(mean.doubleValue()), origin, FactorBasis.CO2_ONLY)
                .build());
    }
}
