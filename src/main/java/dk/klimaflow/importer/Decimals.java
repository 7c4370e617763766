package dk.klimaflow.importer;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Numbers as utilities write them: {@code 0,460} and {@code 1.796,000} (Danish: decimal comma, thousands dot) or
 * {@code 0.460} (decimal point, when there is no comma). Exact: parsed as {@link BigDecimal}, so kWh with three decimals become
 * integer Wh without a floating-point detour.
 */
public final class Decimals {
    private Decimals() {
    }

    public static BigDecimal parse(String text, String what) throws BadRow {
        String t = text.trim();
        if (t.indexOf(',') >= 0) {
            t = t.replace(".", "").replace(',', '.');
        }
        try {
            return new BigDecimal(t);
        } catch (NumberFormatException e) {
            throw new BadRow(what + " '" + text + "' is not a number");
        }
    }

    /** kWh (any scale) to Wh; more than three decimals are rounded half up to the Wh. */
    public static long kwhToWh(BigDecimal kwh) {
        return kwh.movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
