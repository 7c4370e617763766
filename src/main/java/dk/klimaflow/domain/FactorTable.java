package dk.klimaflow.domain;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.Edition;
import dk.klimaflow.avro.EmissionFactor;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The emission factors known to one task, resolved per instant. Only factors of the configured method per carrier take part
 * (default 125% for both carriers, {@link ChpMethods}). For an instant, the most authoritative edition whose validity
 * [validFrom, validTo) contains it wins (DECLARATION, then ACTUAL, then FORECAST); within one edition, the factor with the
 * latest validFrom that still covers the instant (the most specific: an hourly factor beats a monthly one). Hourly, monthly and
 * annual factors all work because lookup goes by validity, not by an assumed resolution.
 */
public final class FactorTable {
    /** A factor as applied to energy: integer mg CO2e per kWh and its edition. */
    public record Applied(long milligramsPerKWh, Edition edition) {
    }

    private final Map<Carrier, String> methods;
    private final Map<String, EnumMap<Edition, Series>> byArea = new HashMap<>();

    /** Factors of one area and edition by validFrom, with the longest validity seen, to bound the backward search. */
    private static final class Series {
        final NavigableMap<Long, EmissionFactor> byFrom = new TreeMap<>();
        long maxSpan;
    }

    public FactorTable(Map<Carrier, String> methods) {
        this.methods = methods;
    }

    public boolean applies(EmissionFactor f) {
        return f.getMethod().equals(methods.get(f.getCarrier()));
    }

    private static String areaKey(Carrier carrier, String area) {
        return carrier + "|" + area;
    }

    public void put(EmissionFactor f) {
        if (applies(f)) {
            byArea.computeIfAbsent(areaKey(f.getCarrier(), f.getArea()), k -> new EnumMap<>(Edition.class))
                    .computeIfAbsent(f.getEdition(), e -> new Series());
            Series series = byArea.get(areaKey(f.getCarrier(), f.getArea())).get(f.getEdition());
            series.byFrom.put(f.getValidFrom().toEpochMilli(), f);
            series.maxSpan = Math.max(series.maxSpan, f.getValidTo().toEpochMilli() - f.getValidFrom().toEpochMilli());
        }
    }

    /** Removes {@code f} if it is the factor held for its area, edition and validFrom (another method's factor is never held). */
    public void remove(EmissionFactor f) {
        var editions = byArea.get(areaKey(f.getCarrier(), f.getArea()));
        if (applies(f) && editions != null && editions.containsKey(f.getEdition())) {
            editions.get(f.getEdition()).byFrom.remove(f.getValidFrom().toEpochMilli(), f);
        }
    }

    /** The factor applied to energy of {@code carrier} in {@code area} at {@code instant}, or null while none is known. */
    public Applied resolve(Carrier carrier, String area, long instant) {
        var editions = byArea.get(areaKey(carrier, area));
        if (editions == null) {
            return null;
        }
        for (Edition edition : new Edition[] {Edition.DECLARATION, Edition.ACTUAL, Edition.FORECAST}) {
            Series series = editions.get(edition);
            if (series == null) {
                continue;
            }
            for (EmissionFactor f : series.byFrom.headMap(instant, true).descendingMap().values()) {
                if (f.getValidTo().toEpochMilli() > instant) {
                    return new Applied(Co2e.milligramsPerKWh(f.getGramsCo2ePerKWh()), edition);
                }
                if (f.getValidFrom().toEpochMilli() + series.maxSpan <= instant) {
                    break; // no earlier factor can reach this instant
                }
            }
        }
        return null;
    }
}
