package dk.klimaflow.importer;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.Edition;
import dk.klimaflow.avro.EmissionFactor;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;

/**
 * Energi Data Service hourly declarations ({@code DeclarationGridEmission}, and the older {@code DeclarationEmissionHour})
 * to DECLARATION electricity factors, one per price area and hour: area = PriceArea (DK1/DK2), method =
 * FuelAllocationMethod (or {@code --method} for extracts without it), validity = HourUTC, else HourDK resolved by
 * {@link LocalHours} (the file's order decides the repeated autumn hour). Grams: with CH4PerkWh and N2OPerkWh columns,
 * CO2e = CO2 + GWP(CH4) x CH4 + GWP(N2O) x N2O with the chosen {@link GwpSet}; with only CO2PerkWh, the CO2 figure marked
 * {@link FactorBasis#CO2_ONLY}. An {@code Edition} column (DeclarationEmissionHour) is kept verbatim in the source.
 */
public final class DeclarationFactors implements FactorRows {
    private final String dataset;
    private final String fallbackMethod;
    private final GwpSet gwp;
    private final LocalHours hours = new LocalHours();
    private LocalDateTime firstLocal;
    private Boolean newestFirst;

    public DeclarationFactors(String dataset, String fallbackMethod, GwpSet gwp) {
        this.dataset = dataset;
        this.fallbackMethod = fallbackMethod;
        this.gwp = gwp;
    }

    @Override
    public void row(Row row, FactorSink out) throws BadRow {
        String area = row.get("PriceArea");
        if (!area.equals("DK1") && !area.equals("DK2")) {
            throw new BadRow("PriceArea '" + area + "' is not DK1 or DK2");
        }
        String method = row.optional("FuelAllocationMethod") != null ? row.optional("FuelAllocationMethod") : fallbackMethod;
        if (method == null) {
            throw new BadRow("no FuelAllocationMethod: the extract does not say which CHP method it used; pass --method 125% (or 200%) if you know it");
        }
        Instant from = row.optional("HourUTC") != null ? LocalHours.utc(row.get("HourUTC")) : local(row, area + "|" + method);
        if (from.toEpochMilli() % 3_600_000L != 0) {
            throw new BadRow("hour " + from + " is not on a whole hour");
        }
        BigDecimal co2 = grams(row, "CO2PerkWh");
        String basis;
        BigDecimal grams;
        if (row.has("CH4PerkWh") || row.has("N2OPerkWh")) {
            grams = gwp.co2e(co2, grams(row, "CH4PerkWh"), grams(row, "N2OPerkWh"));
            basis = FactorBasis.co2e(gwp);
        } else {
            grams = co2;
            basis = FactorBasis.CO2_ONLY;
        }
        String edition = row.optional("Edition");
        String origin = "Energi Data Service " + dataset + (edition == null ? "" : " edition " + edition) + " (Energinet, CC BY 4.0)";
        out.factor(FactorBasis.mark(EmissionFactor.newBuilder().setCarrier(Carrier.ELECTRICITY).setArea(area).setMethod(method)
                .setEdition(Edition.DECLARATION).setValidFrom(from).setValidTo(from.plusSeconds(3_600))
                .setGramsCo2ePerKWh(grams.doubleValue()), origin, basis).build());
    }

    private Instant local(Row row, String series) throws BadRow {
        LocalDateTime local = LocalHours.parse(row.get("HourDK"));
        if (newestFirst == null) {
            if (firstLocal == null) {
                firstLocal = local;
            } else if (!local.equals(firstLocal)) {
                newestFirst = local.isBefore(firstLocal);
            }
        }
        // EDS serves newest first; a file that opens on the repeated hour itself is read that way
        return hours.resolve(local, series, newestFirst == null || newestFirst);
    }

    static BigDecimal grams(Row row, String column) throws BadRow {
        BigDecimal g = Decimals.parse(row.get(column), column);
        if (g.signum() < 0) {
            throw new BadRow(column + " " + g + " is negative");
        }
        return g;
    }
}
