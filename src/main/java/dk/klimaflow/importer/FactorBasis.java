package dk.klimaflow.importer;

import dk.klimaflow.avro.EmissionFactor;
import dk.klimaflow.avro.FactorGases;

/**
 * What an imported factor's grams cover. In the contract: {@code EmissionFactor.gases} ({@link FactorGases#CO2_ONLY},
 * {@link FactorGases#CO2E}) and {@code gwpSet} (the {@link GwpSet} name, null when the CO2e is as declared); also, for
 * people and for readers of the release before those fields, written at the end of its {@code source} so that no CO2-only
 * figure is ever presented as complete CO2e: {@code basis=CO2-only} (the file had only CO2, e.g. {@code CO2PerkWh}) or
 * {@code basis=CO2e GWP=AR5} (CO2 + GWP x CH4 + GWP x N2O with the named {@link GwpSet}), or {@code basis=as-declared} (a
 * heat declaration that states CO2e itself). The report reads it back with {@link #of(EmissionFactor)}: the fields when
 * set, else the marker in the source (factors imported before the fields existed); a factor with neither (simulated, or
 * published by other tools) is {@code unknown}. The marker lives in {@code source}, not in
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

    /** The basis of a factor: from {@code gases}/{@code gwpSet} when stated, else from the marker in its source. */
    public static String of(EmissionFactor f) {
        if (f.getGases() == null) {
            return of(f.getSource());
        }
        return switch (f.getGases()) {
            case CO2_ONLY -> CO2_ONLY;
            case CO2E -> f.getGwpSet() == null ? AS_DECLARED : "basis=CO2e GWP=" + f.getGwpSet();
            default -> of(f.getSource());
        };
    }

    /** Sets {@code gases}, {@code gwpSet} and the source marker of a factor being built, from one basis. */
    public static EmissionFactor.Builder mark(EmissionFactor.Builder b, String origin, String basis) {
        b.setSource(source(origin, basis));
        if (basis.equals(CO2_ONLY)) {
            return b.setGases(FactorGases.CO2_ONLY).setGwpSet(null);
        }
        if (basis.startsWith("basis=CO2e GWP=")) {
            return b.setGases(FactorGases.CO2E).setGwpSet(basis.substring("basis=CO2e GWP=".length()));
        }
        return b.setGases(basis.equals(AS_DECLARED) ? FactorGases.CO2E : null).setGwpSet(null);
    }

    public static boolean co2Only(String source) {
        return of(source).equals(CO2_ONLY);
    }
}
