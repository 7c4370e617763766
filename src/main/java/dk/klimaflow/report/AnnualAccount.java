package dk.klimaflow.report;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.SectorEmissions;
import dk.klimaflow.domain.ChpMethods;
import dk.klimaflow.domain.GpcSectors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The annual GPC account of one municipality, built from the pipeline's aggregates (never from raw readings). Input: the
 * latest {@link SectorEmissions} of the yearly windows of the year (one per GPC sub-sector and carrier), the monthly windows
 * of the year and of the year before (for the seasonal projection), the factor provenance per carrier
 * ({@link FactorProvenance}), the DK2020 1990 baseline and the time of the report. Output: {@link Line}s with the GPC
 * reference (sub-sector + ".2": grid-supplied energy is scope 2), totals, the municipal-operations share and the DK2020 path.
 * Energy of production (E18), exchange (E20) and child (D) metering points is carried per line and in total apart from
 * consumption: it is never in the MWh, t CO2e or shares. {@code chpMethods} says whether both carriers are priced with one
 * CHP fuel-allocation method, or marks the account "mixed CHP methods: ...".
 */
public record AnnualAccount(String municipality, int year, List<Line> lines, long energyWh, long co2eGrams,
                            long municipalEnergyWh, long municipalCo2eGrams, long productionWh, long exchangeWh, long childWh,
                            Map<Carrier, FactorProvenance> factors,
                            Dk2020Path dk2020, boolean complete, String generatedAt, String chpMethods) {

    /** One GPC sub-sector and carrier. Shares are of the line's energy. */
    public record Line(String gpcReference, String gpcSector, String sectorName, Carrier carrier, long energyWh, long co2eGrams,
                       long pendingFactorWh, double measuredShare, double estimatedShare, long missingQuarterHours,
                       double declarationShare, double actualShare, double forecastShare, String worstEdition,
                       long municipalEnergyWh, long municipalCo2eGrams, int meteringPoints, long revision,
                       long productionWh, long exchangeWh, long childWh) {

        /** True when the line has consumption to show (energy, CO2e, missing quarter-hours or metering points). */
        public boolean hasConsumption() {
            return energyWh != 0 || co2eGrams != 0 || pendingFactorWh != 0 || missingQuarterHours != 0 || meteringPoints != 0;
        }

        /** True when the line has production, exchange or child energy, reported apart from consumption. */
        public boolean hasKeptApart() {
            return productionWh != 0 || exchangeWh != 0 || childWh != 0;
        }
    }

    /** The DK2020 path: baseline, 2030 target, the path's value for the year, the year's figure and (current year) projection. */
    public record Dk2020Path(double baseline1990Tonnes, double target2030Tonnes, double pathTonnes, double yearTonnes,
                             Double projectedTonnes, double elapsedShare, String projectionBasis) {
    }

    public static AnnualAccount of(String municipality, int year, List<SectorEmissions> yearly, Map<Carrier, long[]> monthsThisYear,
            Map<Carrier, long[]> monthsLastYear, Map<Carrier, FactorProvenance> factors, double baselineTonnes, Instant now) {
        List<Line> lines = new ArrayList<>();
        long energy = 0;
        long grams = 0;
        long municipalEnergy = 0;
        long municipalGrams = 0;
        long[] apart = new long[3];
        Map<Carrier, Long> ytd = new EnumMap<>(Carrier.class);
        for (SectorEmissions s : yearly) {
            lines.add(line(s));
            energy += s.getEnergyWh();
            grams += s.getCo2eGrams();
            municipalEnergy += s.getMunicipalOperationEnergyWh();
            municipalGrams += s.getMunicipalOperationCo2eGrams();
            apart[0] += s.getProductionWh();
            apart[1] += s.getExchangeWh();
            apart[2] += s.getChildWh();
            ytd.merge(s.getCarrier(), s.getCo2eGrams(), Long::sum);
        }
        lines.sort(Comparator.comparing(Line::gpcReference).thenComparing(Line::carrier));
        Map<Carrier, double[]> weights = new EnumMap<>(Carrier.class);
        String basis = "typical Danish year (degree days for district heating)";
        for (Carrier c : Carrier.values()) {
            double[] own = SeasonalProjection.fromMonths(monthsLastYear.get(c));
            weights.put(c, own != null ? own : SeasonalProjection.typicalYear(c));
            if (own != null && ytd.containsKey(c)) {
                basis = "the municipality's own " + (year - 1) + " months";
            }
        }
        double elapsed = ytd.isEmpty() ? 0 : SeasonalProjection.elapsedShare(weights.get(ytd.keySet().iterator().next()), year, now);
        boolean complete = elapsed >= 1;
        Long projected = complete ? Long.valueOf(grams) : SeasonalProjection.project(ytd, weights, year, now);
        Dk2020Path path = new Dk2020Path(baselineTonnes, 0.3 * baselineTonnes, dk.klimaflow.web.Dk2020.pathFor(baselineTonnes, year),
                grams / 1e6, projected == null ? null : projected / 1e6, elapsed, complete ? "complete year" : basis);
        return new AnnualAccount(municipality, year, lines, energy, grams, municipalEnergy, municipalGrams, apart[0], apart[1], apart[2],
                factors, path, complete, now.toString(), chpMethods(factors));
    }

    /** "one method for both carriers: 125%", or the mark of mixed methods ({@link ChpMethods#mixed}). */
    static String chpMethods(Map<Carrier, FactorProvenance> factors) {
        Map<Carrier, String> methods = new EnumMap<>(Carrier.class);
        factors.forEach((carrier, f) -> methods.put(carrier, f.method()));
        String mixed = ChpMethods.mixed(methods);
        return mixed != null ? mixed : "one CHP method for both carriers: " + String.join("", new java.util.TreeSet<>(methods.values()));
    }

    static Line line(SectorEmissions s) {
        long e = s.getEnergyWh();
        long priced = s.getDeclarationWh() + s.getActualWh() + s.getForecastWh();
        return new Line(s.getGpcSector() + ".2", s.getGpcSector(), GpcSectors.NAMES.getOrDefault(s.getGpcSector(), "?"), s.getCarrier(),
                e, s.getCo2eGrams(), s.getPendingFactorWh(), share(s.getMeasuredWh(), e), share(s.getEstimatedWh(), e),
                s.getMissingIntervals(), share(s.getDeclarationWh(), priced), share(s.getActualWh(), priced), share(s.getForecastWh(), priced),
                s.getWorstEdition() == null ? "none (pending)" : s.getWorstEdition().toString(), s.getMunicipalOperationEnergyWh(),
                s.getMunicipalOperationCo2eGrams(), s.getMeteringPoints(), s.getRevision(), s.getProductionWh(), s.getExchangeWh(), s.getChildWh());
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : part / (double) whole;
    }
}
