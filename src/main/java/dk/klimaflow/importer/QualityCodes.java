package dk.klimaflow.importer;

import dk.klimaflow.avro.Quality;
import java.util.Locale;

/**
 * Quality codes of real meter data to klimaflow's {@link Quality}. DataHub (RSM-012 / Eloverblik JSON): A04 as provided
 * (measured) -> MEASURED; A03 estimated, A01 adjusted and A05 incomplete -> ESTIMATED (not as measured, so not counted as
 * measured energy); A06 calculated -> CALCULATED; A02 not available -> MISSING. Older ebIX codes: E01 measured, 56 estimated,
 * 36 adjusted, D01 calculated. Eloverblik CSV (Danish words): Målt, Estimeret, Beregnet, Manglende. Anything else is a bad row.
 * The adjusted and incomplete codes are folded into ESTIMATED because the published {@code Quality} enum has no symbol for
 * them; the importer's report counts them (see the helper report for the schema evolution that would keep them apart).
 */
public final class QualityCodes {
    private QualityCodes() {
    }

    public static Quality of(String code) throws BadRow {
        String c = code.trim().toLowerCase(Locale.ROOT);
        return switch (c) {
            case "a04", "e01", "målt", "maalt", "measured" -> Quality.MEASURED;
            case "a03", "56", "a01", "36", "a05", "estimeret", "estimated" -> Quality.ESTIMATED;
            case "a06", "d01", "beregnet", "calculated" -> Quality.CALCULATED;
            case "a02", "manglende", "ikke tilgængelig", "missing" -> Quality.MISSING;
            default -> throw new BadRow("quality '" + code + "' is not a known DataHub/ebIX code (A01-A06, E01, 56, 36, D01) or Eloverblik word (Målt, Estimeret, Beregnet)");
        };
    }
}
