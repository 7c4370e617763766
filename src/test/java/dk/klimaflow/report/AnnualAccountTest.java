package dk.klimaflow.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.Edition;
import dk.klimaflow.avro.EmissionFactor;
import dk.klimaflow.avro.FactorGases;
import dk.klimaflow.avro.SectorEmissions;
import dk.klimaflow.importer.FactorBasis;
import dk.klimaflow.importer.GwpSet;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnnualAccountTest {
    static SectorEmissions year(String sector, Carrier carrier, long wh, long grams, long municipalWh, long municipalGrams) {
        return SectorEmissions.newBuilder().setMunicipalityCode("0187").setGpcSector(sector).setCarrier(carrier)
                .setWindowStart(Instant.parse("2022-12-31T23:00:00Z")).setWindowEnd(Instant.parse("2023-12-31T23:00:00Z"))
                .setEnergyWh(wh).setCo2eGrams(grams).setPendingFactorWh(0).setMeasuredWh(wh).setEstimatedWh(0).setMissingIntervals(0)
                .setMeteringPoints(1).setMunicipalOperationEnergyWh(municipalWh).setMunicipalOperationCo2eGrams(municipalGrams)
                .setWorstEdition(Edition.DECLARATION).setRevision(3).setDeclarationWh(wh).build();
    }

    static Map<Carrier, FactorProvenance> provenance(String electricitySource) {
        Map<Carrier, FactorProvenance> p = new EnumMap<>(Carrier.class);
        p.put(Carrier.ELECTRICITY, new FactorProvenance("125%"));
        p.put(Carrier.DISTRICT_HEATING, new FactorProvenance("200%"));
        p.get(Carrier.ELECTRICITY).add(new EmissionFactor(Carrier.ELECTRICITY, "DK2", Instant.EPOCH, Instant.EPOCH.plusSeconds(3600), 1.0,
                "125%", Edition.DECLARATION, electricitySource, null, null));
        return p;
    }

    @Test
    void shouldListEachSubSectorWithItsGpcReferenceAndSumExactGrams() {
        AnnualAccount a = AnnualAccount.of("0187", 2023, List.of(year("I.2", Carrier.ELECTRICITY, 2_806_000_000L, 123_456_789L, 2_806_000_000L, 123_456_789L),
                year("I.1", Carrier.DISTRICT_HEATING, 9_994_000_000L, 359_784_000L, 0, 0)), Map.of(), Map.of(),
                provenance(FactorBasis.source("EDS", FactorBasis.CO2_ONLY)), 100_000, Instant.parse("2024-03-01T00:00:00Z"));

        assertThat(a.lines()).extracting(AnnualAccount.Line::gpcReference).containsExactly("I.1.2", "I.2.2");
        assertThat(a.co2eGrams()).isEqualTo(483_240_789L);
        assertThat(a.complete()).isTrue();
        assertThat(a.dk2020().target2030Tonnes()).isEqualTo(30_000.0);
        assertThat(a.dk2020().pathTonnes()).isCloseTo(100_000 * (1 - 0.7 * 33 / 40.0), within(1e-6));
        String md = ReportFormat.render(a, "md");
        assertThat(md).contains("| I.2.2 | Commercial and institutional buildings | ELECTRICITY | 2,806.000 | 123.456789 | CO2 only |")
                .contains("CO2 only, not complete CO2e: these factors leave out CH4 and N2O");
        assertThat(ReportFormat.render(a, "csv")).contains("0187,2023,I.1.2,\"Residential buildings\",DISTRICT_HEATING,9994.000,359.784000,\"no factors\",200%");
        assertThat(ReportFormat.render(a, "json")).contains("\"co2eGrams\" : 483240789");
    }

    @Test
    void shouldReportProductionAndExchangeApartFromConsumption() {
        SectorEmissions homes = year("I.1", Carrier.ELECTRICITY, 4_000_000L, 400_000L, 0, 0);
        homes.setProductionWh(10_000_000L); // rooftop PV of the same sector
        SectorEmissions pvOnly = year("I.2", Carrier.ELECTRICITY, 0, 0, 0, 0);
        pvOnly.setMeasuredWh(0);
        pvOnly.setDeclarationWh(0);
        pvOnly.setMeteringPoints(0);
        pvOnly.setProductionWh(2_500_000L);
        pvOnly.setExchangeWh(700_000L);
        pvOnly.setChildWh(300_000L);
        AnnualAccount a = AnnualAccount.of("0187", 2023, List.of(homes, pvOnly), Map.of(), Map.of(),
                provenance(FactorBasis.source("EDS", FactorBasis.CO2_ONLY)), 0, Instant.parse("2024-03-01T00:00:00Z"));

        assertThat(a.energyWh()).isEqualTo(4_000_000L);
        assertThat(a.co2eGrams()).isEqualTo(400_000L);
        assertThat(a.productionWh()).isEqualTo(12_500_000L);
        assertThat(a.exchangeWh()).isEqualTo(700_000L);
        assertThat(a.childWh()).isEqualTo(300_000L);
        String md = ReportFormat.render(a, "md");
        assertThat(md).contains("| I.1.2 | Residential buildings | ELECTRICITY | 4.000 | 0.400000 | CO2 only |")
                .doesNotContain("| I.2.2 | Commercial and institutional buildings | ELECTRICITY | 0.000")
                .contains("| **total** | | | **4.000** | **0.400000** |")
                .contains("## Reported apart from consumption (not priced, not in the totals above)")
                .contains("| I.1.2 | Residential buildings | ELECTRICITY | 10.000 | 0.000 | 0.000 |")
                .contains("| I.2.2 | Commercial and institutional buildings | ELECTRICITY | 2.500 | 0.700 | 0.300 |")
                .contains("| **total** | | | **12.500** | **0.700** | **0.300** |");
        assertThat(ReportFormat.render(a, "csv")).contains(",production_mwh,exchange_mwh,child_points_mwh,co2e_coverage,chp_methods\n")
                .contains(",4.000,0.400000,\"CO2 only\",125%,").contains(",1,10.000,0.000,0.000,\"CO2 only, not complete CO2e\",").contains(",0,2.500,0.700,0.300,\"CO2 only, not complete CO2e\",");
        assertThat(ReportFormat.render(a, "json")).contains("\"productionWh\" : 12500000", "\"exchangeWh\" : 700000");
    }

    static EmissionFactor factor(int hour, FactorGases gases, String gwp, String source) {
        Instant from = Instant.parse("2023-03-01T00:00:00Z").plusSeconds(3600L * hour);
        return EmissionFactor.newBuilder().setCarrier(Carrier.ELECTRICITY).setArea("DK2").setValidFrom(from).setValidTo(from.plusSeconds(3600))
                .setGramsCo2ePerKWh(100).setMethod("125%").setEdition(Edition.DECLARATION).setSource(source).setGases(gases).setGwpSet(gwp).build();
    }

    @Test
    void shouldMarkACarrierPricedByCo2OnlyFactorsAsNotCompleteCo2eInEveryFormat() {
        Map<Carrier, FactorProvenance> p = new EnumMap<>(Carrier.class);
        p.put(Carrier.ELECTRICITY, new FactorProvenance("125%"));
        p.put(Carrier.DISTRICT_HEATING, new FactorProvenance("125%"));
        p.get(Carrier.ELECTRICITY).add(factor(0, FactorGases.CO2_ONLY, null, "a producer that writes no marker into its source"));
        p.get(Carrier.ELECTRICITY).add(factor(1, FactorGases.CO2_ONLY, null, "a producer that writes no marker into its source"));
        AnnualAccount a = AnnualAccount.of("0187", 2023, List.of(year("I.1", Carrier.ELECTRICITY, 1000, 100, 0, 0)), Map.of(), Map.of(),
                p, 0, Instant.parse("2024-03-01T00:00:00Z"));

        assertThat(a.factors().get(Carrier.ELECTRICITY).coverage()).isEqualTo("CO2 only, not complete CO2e");
        assertThat(ReportFormat.render(a, "md")).contains("| CO2 only |")
                .contains("- ELECTRICITY: method 125%; gases: CO2 only (CO2 only, not complete CO2e);")
                .contains("  CO2 only, not complete CO2e: these factors leave out CH4 and N2O, so the t CO2e of this carrier is CO2, not complete CO2e.");
        assertThat(ReportFormat.render(a, "csv")).contains(",\"CO2 only\",125%,").endsWith(",\"CO2 only, not complete CO2e\",\"one CHP method for both carriers: 125%\"\n");
        assertThat(ReportFormat.render(a, "json")).contains("\"coverage\" : \"CO2 only, not complete CO2e\"");
    }

    @Test
    void shouldMarkAYearPricedPartlyByCo2OnlyFactors() {
        FactorProvenance f = new FactorProvenance("125%");
        f.add(factor(0, FactorGases.CO2E, "AR5", "EDS"));
        f.add(factor(1, FactorGases.CO2E, "AR5", "EDS"));
        f.add(factor(2, null, null, FactorBasis.source("EDS", FactorBasis.CO2_ONLY))); // imported before the fields
        AnnualAccount a = AnnualAccount.of("0187", 2023, List.of(year("I.1", Carrier.ELECTRICITY, 1000, 100, 0, 0)), Map.of(), Map.of(),
                new EnumMap<>(Map.of(Carrier.ELECTRICITY, f)), 0, Instant.parse("2024-03-01T00:00:00Z"));

        assertThat(f.gases()).isEqualTo("mixed: CO2-only, CO2e GWP=AR5");
        assertThat(f.coverage()).isEqualTo("CO2 only, not complete CO2e");
        assertThat(ReportFormat.render(a, "md")).contains("  CO2 only, not complete CO2e: 1 of its 3 factors leave out CH4 and N2O, so the t CO2e"
                + " of this carrier is partly CO2, not complete CO2e.");
        FactorProvenance complete = new FactorProvenance("125%");
        complete.add(factor(0, FactorGases.CO2E, "AR6", "EDS"));
        assertThat(complete.coverage()).isEqualTo("complete CO2e");
        assertThat(complete.gases()).isEqualTo("CO2e GWP=AR6");
        FactorProvenance unstated = new FactorProvenance("125%");
        unstated.add(factor(0, FactorGases.UNSTATED, null, "simulated"));
        assertThat(unstated.coverage()).isEqualTo("not stated");
    }

    @Test
    void shouldMarkAnAccountThatMixesChpMethodsInEveryFormat() {
        AnnualAccount mixed = AnnualAccount.of("0187", 2023, List.of(year("I.1", Carrier.ELECTRICITY, 1000, 100, 0, 0)), Map.of(), Map.of(),
                provenance(FactorBasis.source("EDS", FactorBasis.CO2_ONLY)), 0, Instant.parse("2024-03-01T00:00:00Z")); // 125% / 200%

        String mark = "mixed CHP methods: electricity 125%, district heating 200%";
        assertThat(mixed.chpMethods()).startsWith(mark);
        assertThat(ReportFormat.render(mixed, "md")).contains("**" + mark).contains("- " + mark);
        assertThat(ReportFormat.render(mixed, "csv")).contains(",chp_methods\n").contains(",\"" + mark);
        assertThat(ReportFormat.render(mixed, "json")).contains("\"chpMethods\" : \"" + mark);

        Map<Carrier, FactorProvenance> one = new EnumMap<>(Carrier.class);
        one.put(Carrier.ELECTRICITY, new FactorProvenance("125%"));
        one.put(Carrier.DISTRICT_HEATING, new FactorProvenance("125%"));
        AnnualAccount consistent = AnnualAccount.of("0187", 2023, List.of(year("I.1", Carrier.ELECTRICITY, 1000, 100, 0, 0)), Map.of(), Map.of(),
                one, 0, Instant.parse("2024-03-01T00:00:00Z"));
        assertThat(consistent.chpMethods()).isEqualTo("one CHP method for both carriers: 125%");
        assertThat(ReportFormat.render(consistent, "md")).doesNotContain("mixed CHP").contains("- one CHP method for both carriers: 125%");
    }

    @Test
    void shouldNameTheGwpSetWhenTheFactorsAreCo2e() {
        AnnualAccount a = AnnualAccount.of("0187", 2023, List.of(year("I.1", Carrier.ELECTRICITY, 1000, 100, 0, 0)), Map.of(), Map.of(),
                provenance(FactorBasis.source("EDS", FactorBasis.co2e(GwpSet.AR6))), 0, Instant.parse("2024-03-01T00:00:00Z"));

        assertThat(a.factors().get(Carrier.ELECTRICITY).gases()).isEqualTo("CO2e GWP=AR6");
        assertThat(ReportFormat.render(a, "md")).contains("No 1990 baseline configured");
    }

    @Test
    void shouldProjectAJanuaryToDateHeatFigureBySeasonNotByATwelfth() {
        // end of January: about 12% of a typical heat year, not 8.5% (31/365)
        Instant endOfJanuary = Instant.parse("2023-01-31T23:00:00Z");
        double[] heat = SeasonalProjection.typicalYear(Carrier.DISTRICT_HEATING);
        double share = SeasonalProjection.elapsedShare(heat, 2023, endOfJanuary);
        assertThat(share).isCloseTo(0.25 / 12 + 0.75 * 530 / 3205.0, within(1e-9));
        Long projected = SeasonalProjection.project(Map.of(Carrier.DISTRICT_HEATING, 1_000_000L), Map.of(Carrier.DISTRICT_HEATING, heat), 2023, endOfJanuary);
        assertThat(projected).isEqualTo(Math.round(1_000_000 / share));
        assertThat(projected).isLessThan(1_000_000L * 365 / 31); // a linear projection would overstate a winter start
    }

    @Test
    void shouldWeightByTheMunicipalitysOwnPreviousYearWhenItHasAllTwelveMonths() {
        long[] lastYear = {4, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 4};
        double[] w = SeasonalProjection.fromMonths(lastYear);
        assertThat(SeasonalProjection.elapsedShare(w, 2023, Instant.parse("2023-02-28T23:00:00Z"))).isCloseTo(0.3, within(1e-9));
        assertThat(SeasonalProjection.fromMonths(new long[] {1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1})).isNull();
    }
}
