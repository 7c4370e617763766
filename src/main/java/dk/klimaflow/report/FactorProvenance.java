package dk.klimaflow.report;

import dk.klimaflow.avro.EmissionFactor;
import dk.klimaflow.importer.FactorBasis;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the factors that price one carrier in a year are: the method the pipeline uses for it, and, over the factors of that
 * method for the municipality's areas that overlap the year, the count per gas basis ({@code basis=CO2-only},
 * {@code basis=CO2e GWP=AR5}, ..., {@code unknown} for factors without the importer's marker), per edition and per source
 * (without the basis). A carrier priced by any CO2-only factor is reported as CO2 only, never as complete CO2e.
 */
@com.fasterxml.jackson.annotation.JsonAutoDetect(fieldVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY,
        getterVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE)
public final class FactorProvenance {
    private final String method;
    private final Map<String, Long> bases = new TreeMap<>();
    private final Map<String, Long> editions = new TreeMap<>();
    private final Map<String, Long> sources = new TreeMap<>();

    public FactorProvenance(String method) {
        this.method = method;
    }

    public void add(EmissionFactor f) {
        bases.merge(FactorBasis.of(f.getSource()), 1L, Long::sum);
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
