package dk.klimaflow.report;

import dk.klimaflow.avro.EmissionFactor;
import dk.klimaflow.importer.FactorBasis;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the factors that price one carrier in a year are: the method the pipeline uses for it, and, over the factors of that
 * method for the municipality's areas that overlap the year, the count per gas basis ({@code basis=CO2-only},
 * {@code basis=CO2e GWP=AR5}, ..., {@code unknown} for factors without the importer's marker), per edition and per source
 * (without the basis). The basis is the factor's {@code gases}/{@code gwpSet} when stated, else the importer's marker in its
 * source ({@link FactorBasis#of(EmissionFactor)}). A carrier priced (even partly) by a CO2-only factor is reported as
 * {@value #CO2_ONLY_NOT_CO2E}, never as complete CO2e ({@link #coverage()}, in the Markdown, CSV and JSON).
 */
@com.fasterxml.jackson.annotation.JsonAutoDetect(fieldVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY,
        getterVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE)
public final class FactorProvenance {
    private final String method;
    private final Map<String, Long> bases = new TreeMap<>();
    private final Map<String, Long> editions = new TreeMap<>();
    private final Map<String, Long> sources = new TreeMap<>();

    public static final String CO2_ONLY_NOT_CO2E = "CO2 only, not complete CO2e";

    public FactorProvenance(String method) {
        this.method = method;
    }

    public void add(EmissionFactor f) {
        bases.merge(FactorBasis.of(f), 1L, Long::sum);
        editions.merge(f.getEdition().toString(), 1L, Long::sum);
        String source = f.getSource();
        int basis = source.lastIndexOf("; basis=");
        String origin = (basis < 0 ? source : source.substring(0, basis)).replaceAll(", hourly mean of \\d+ of 12 five-minute values", "");
        if (sources.size() < 20 || sources.containsKey(origin)) {
            sources.merge(origin, 1L, Long::sum);
        }
    }

    public String method() {
        return method;
    }

    public Map<String, Long> bases() {
        return bases;
    }

    public Map<String, Long> editions() {
        return editions;
    }

    public Map<String, Long> sources() {
        return sources;
    }

    public boolean co2Only() {
        return bases.containsKey(FactorBasis.CO2_ONLY);
    }

    /**
     * Whether the carrier's t CO2e is complete CO2e: {@value #CO2_ONLY_NOT_CO2E} when any of its factors is CO2-only (also
     * when others are CO2e: part of the year is CO2 alone), "complete CO2e" when every factor states CO2e, "not stated" when
     * some factor does not say (and none is CO2-only), "no factors" without factors.
     */
    @com.fasterxml.jackson.annotation.JsonProperty("coverage")
    public String coverage() {
        if (bases.isEmpty()) {
            return "no factors";
        }
        if (co2Only()) {
            return CO2_ONLY_NOT_CO2E;
        }
        return bases.containsKey(FactorBasis.UNKNOWN) ? "not stated" : "complete CO2e";
    }

    /** One phrase for a table cell: "CO2 only", "CO2e (IPCC AR5 GWP100)", "mixed: ...", "unknown" or "no factors". */
    @com.fasterxml.jackson.annotation.JsonProperty("gases")
    public String gases() {
        if (bases.isEmpty()) {
            return "no factors";
        }
        if (bases.size() > 1) {
            return "mixed: " + String.join(", ", bases.keySet()).replace("basis=", "");
        }
        String only = bases.keySet().iterator().next();
        return only.equals(FactorBasis.CO2_ONLY) ? "CO2 only" : only.replace("basis=", "");
    }
}
