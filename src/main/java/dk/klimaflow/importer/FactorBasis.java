package dk.klimaflow.importer;

/**
 * What an imported factor's grams cover, written at the end of its {@code source} so that no CO2-only figure is ever
 * presented as complete CO2e: {@code basis=CO2-only} (the file had only CO2, e.g. {@code CO2PerkWh}) or
 * {@code basis=CO2e GWP=AR5} (CO2 + GWP x CH4 + GWP x N2O with the named {@link GwpSet}), or {@code basis=as-declared} (a
 * heat declaration that states CO2e itself). The report reads it back with {@link #of(String)}; a factor without the
 * marker (simulated, or published by other tools) is {@code unknown}. The marker lives in {@code source}, not in
 * {@code method}, because the pipeline selects factors by {@code method} (125%, 200%).
 */
public final class FactorBasis {
    public static final String CO2_ONLY = "basis=CO2-only";
    public static final String AS_DECLARED = "basis=CO2e as-declared";
    public static final String UNKNOWN = "unknown";

    private FactorBasis() {
    }

    public static String co2e(GwpSet gwp) {
        return "basis=CO2e GWP=" + gwp.name();
    }

    /** The source text of an imported factor: where it came from, then the basis marker. */
    public static String source(String origin, String basis) {
        return origin + "; " + basis;
    }

    /** The basis marker of a factor's source ({@code basis=...} to the end), or {@link #UNKNOWN}. */
    public static String of(String source) {
        int at = source == null ? -1 : source.lastIndexOf("basis=");
        return at < 0 ? UNKNOWN : source.substring(at);
    }

    public static boolean co2Only(String source) {
        return of(source).equals(CO2_ONLY);
    }
}
