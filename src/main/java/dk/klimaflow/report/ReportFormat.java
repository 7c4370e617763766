package dk.klimaflow.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dk.klimaflow.avro.Carrier;
import java.util.Locale;
import java.util.Map;

/**
 * Renders an {@link AnnualAccount} as Markdown (the table a climate team pastes into its inventory, with the factor
 * provenance and the DK2020 path below it), CSV (one line per GPC sub-sector and carrier, {@code ,} separated, decimal point)
 * or JSON (the account as it is). Production, exchange and child-point energy is never in the consumption figures: Markdown
 * lists it in a table of its own, CSV in its own columns. Energy in MWh with 3 decimals (kWh exact), CO2e in tonnes with 6 decimals (grams exact).
 */
public final class ReportFormat {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private ReportFormat() {
    }

    public static String render(AnnualAccount a, String format) {
        return switch (format) {
            case "json" -> json(a);
            case "csv" -> csv(a);
            default -> markdown(a);
        };
    }

    static String json(AnnualAccount a) {
        try {
            return JSON.writeValueAsString(a);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report as JSON: " + e.getMessage(), e);
        }
    }

    static String csv(AnnualAccount a) {
        StringBuilder out = new StringBuilder("municipality,year,gpc_reference,sector,carrier,mwh,t_co2e,gases,method,pending_factor_mwh,"
                + "measured_share,estimated_share,missing_quarter_hours,declaration_share,actual_share,forecast_share,worst_edition,"
                + "municipal_operations_mwh,municipal_operations_t_co2e,metering_points,production_mwh,exchange_mwh,child_points_mwh,co2e_coverage,chp_methods\n");
        for (AnnualAccount.Line l : a.lines()) {
            FactorProvenance f = a.factors().get(l.carrier());
            out.append(String.format(Locale.ROOT, "%s,%d,%s,\"%s\",%s,%.3f,%.6f,\"%s\",%s,%.3f,%.4f,%.4f,%d,%.4f,%.4f,%.4f,%s,%.3f,%.6f,%d,%.3f,%.3f,%.3f,\"%s\",\"%s\"%n",
                    a.municipality(), a.year(), l.gpcReference(), l.sectorName(), l.carrier(), l.energyWh() / 1e6, l.co2eGrams() / 1e6,
                    f == null ? "" : f.gases(), f == null ? "" : f.method(), l.pendingFactorWh() / 1e6, l.measuredShare(), l.estimatedShare(),
                    l.missingQuarterHours(), l.declarationShare(), l.actualShare(), l.forecastShare(), l.worstEdition(),
                    l.municipalEnergyWh() / 1e6, l.municipalCo2eGrams() / 1e6, l.meteringPoints(), l.productionWh() / 1e6,
                    l.exchangeWh() / 1e6, l.childWh() / 1e6, f == null ? "" : f.coverage(), a.chpMethods()));
        }
        return out.toString();
    }

    /** Production (E18), exchange (E20) and child-point (D) energy, when there is any: not consumption, not priced. */
    private static void keptApart(AnnualAccount a, StringBuilder out) {
        if (a.lines().stream().noneMatch(AnnualAccount.Line::hasKeptApart)) {
            return;
        }
        out.append("## Reported apart from consumption (not priced, not in the totals above)\n\n");
        out.append("| GPC ref | sub-sector | carrier | production MWh (E18) | exchange MWh (E20) | child points MWh (D) |\n");
        out.append("|---|---|---|---:|---:|---:|\n");
        for (AnnualAccount.Line l : a.lines()) {
            if (l.hasKeptApart()) {
                out.append(String.format(Locale.ROOT, "| %s | %s | %s | %,.3f | %,.3f | %,.3f |%n", l.gpcReference(), l.sectorName(),
                        l.carrier(), l.productionWh() / 1e6, l.exchangeWh() / 1e6, l.childWh() / 1e6));
            }
        }
        out.append(String.format(Locale.ROOT, "| **total** | | | **%,.3f** | **%,.3f** | **%,.3f** |%n%n",
                a.productionWh() / 1e6, a.exchangeWh() / 1e6, a.childWh() / 1e6));
    }

    static String markdown(AnnualAccount a) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "# GPC inventory, municipality %s, %d (stationary energy and transport, grid-supplied energy)%n%n",
                a.municipality(), a.year()));
        out.append(a.complete() ? "" : String.format(Locale.ROOT, "Year to date: %.1f%% of a typical year has passed.%n%n", 100 * a.dk2020().elapsedShare()));
        if (a.chpMethods().startsWith("mixed")) {
            out.append("**").append(a.chpMethods()).append("**: the total adds carriers priced with different fuel-allocation methods.\n\n");
        }
        out.append("| GPC ref | sub-sector | carrier | MWh | t CO2e | gases | measured | missing ¼h | pending factor MWh | factor editions (decl/actual/forecast) | municipal MWh | municipal t CO2e |\n");
        out.append("|---|---|---|---:|---:|---|---:|---:|---:|---|---:|---:|\n");
        for (AnnualAccount.Line l : a.lines()) {
            if (!l.hasConsumption()) {
                continue; // only production, exchange or child energy: listed below, apart from consumption
            }
            FactorProvenance f = a.factors().get(l.carrier());
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %,.3f | %,.6f | %s | %.1f%% | %,d | %,.3f | %.0f/%.0f/%.0f%% | %,.3f | %,.6f |%n",
                    l.gpcReference(), l.sectorName(), l.carrier(), l.energyWh() / 1e6, l.co2eGrams() / 1e6, f == null ? "" : f.gases(),
                    100 * l.measuredShare(), l.missingQuarterHours(), l.pendingFactorWh() / 1e6, 100 * l.declarationShare(),
                    100 * l.actualShare(), 100 * l.forecastShare(), l.municipalEnergyWh() / 1e6, l.municipalCo2eGrams() / 1e6));
        }
        out.append(String.format(Locale.ROOT, "| **total** | | | **%,.3f** | **%,.6f** | | | | | | %,.3f | %,.6f |%n%n",
                a.energyWh() / 1e6, a.co2eGrams() / 1e6, a.municipalEnergyWh() / 1e6, a.municipalCo2eGrams() / 1e6));
        keptApart(a, out);
        out.append("## Emission factors\n\n");
        out.append("- ").append(a.chpMethods()).append('\n');
        for (Map.Entry<Carrier, FactorProvenance> e : a.factors().entrySet()) {
            FactorProvenance f = e.getValue();
            out.append(String.format(Locale.ROOT, "- %s: method %s; gases: %s (%s); factors by edition %s; sources %s%n", e.getKey(),
                    f.method(), f.gases(), f.coverage(), f.editions(), f.sources().keySet()));
            if (f.co2Only()) {
                long co2Only = f.bases().get(dk.klimaflow.importer.FactorBasis.CO2_ONLY);
                long all = f.bases().values().stream().mapToLong(Long::longValue).sum();
                out.append(String.format(Locale.ROOT, "  %s: %s leave out CH4 and N2O, so the t CO2e of this carrier is %sCO2, not complete CO2e.%n",
                        FactorProvenance.CO2_ONLY_NOT_CO2E, co2Only == all ? "these factors" : String.format(Locale.ROOT, "%,d of its %,d factors", co2Only, all),
                        co2Only == all ? "" : "partly "));
            }
        }
        AnnualAccount.Dk2020Path p = a.dk2020();
        out.append("\n## DK2020 path\n\n");
        if (p.baseline1990Tonnes() <= 0) {
            out.append("No 1990 baseline configured (klimaflow.dk2020.baseline.1990.tonnes or --baseline-tonnes).\n");
        } else {
            out.append(String.format(Locale.ROOT, "- 1990 baseline %,.1f t CO2e; 2030 target %,.1f t (-70%%); path for %d: %,.1f t%n",
                    p.baseline1990Tonnes(), p.target2030Tonnes(), a.year(), p.pathTonnes()));
        }
        out.append(String.format(Locale.ROOT, "- %d: %,.6f t CO2e%s%n", a.year(), p.yearTonnes(), a.complete() ? " (complete year)"
                : p.projectedTonnes() == null ? " so far (too early in the year to project)"
                : String.format(Locale.ROOT, " so far; projected %,.1f t for the year (season-weighted by %s)", p.projectedTonnes(), p.projectionBasis())));
        out.append("- Covers only the grid electricity and district heating of the registered metering points; the baseline and targets"
                + " cover all of the municipality's emissions.\n");
        return out.toString();
    }
}
