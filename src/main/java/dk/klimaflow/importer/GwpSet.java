package dk.klimaflow.importer;

import java.math.BigDecimal;

/**
 * Global-warming potentials (100-year) used to turn the gases of an Energi Data Service declaration into CO2e:
 * CO2e = CO2 + GWP(CH4) x CH4 + GWP(N2O) x N2O. AR5 is the default (IPCC Fifth Assessment Report: CH4 28, N2O 265, without
 * climate-carbon feedbacks, as most national inventories use); AR6 (Sixth Assessment Report, Table 7.15: CH4 27.9 for
 * non-fossil methane, N2O 273) and AR6_FOSSIL (CH4 29.8) are selectable. The set's {@link #label} is written into every
 * factor's source.
 */
public enum GwpSet {
    AR5("28", "265", "IPCC AR5 GWP100"),
    AR6("27.9", "273", "IPCC AR6 GWP100 (CH4 non-fossil)"),
    AR6_FOSSIL("29.8", "273", "IPCC AR6 GWP100 (CH4 fossil)");

    private final BigDecimal ch4;
    private final BigDecimal n2o;
    private final String label;

    GwpSet(String ch4, String n2o, String label) {
        this.ch4 = new BigDecimal(ch4);
        this.n2o = new BigDecimal(n2o);
        this.label = label;
    }

    public BigDecimal ch4() {
        return ch4;
    }

    public BigDecimal n2o() {
        return n2o;
    }

    public String label() {
        return label;
    }

    /** Grams CO2e per kWh from grams CO2, CH4 and N2O per kWh, computed exactly. */
    public BigDecimal co2e(BigDecimal co2, BigDecimal ch4Grams, BigDecimal n2oGrams) {
        return co2.add(ch4.multiply(ch4Grams)).add(n2o.multiply(n2oGrams));
    }
}
