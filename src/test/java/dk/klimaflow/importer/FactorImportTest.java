package dk.klimaflow.importer;

import static dk.klimaflow.importer.ImportFixtures.data;
import static dk.klimaflow.importer.ImportFixtures.quiet;
import static dk.klimaflow.importer.ImportFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.Edition;
import dk.klimaflow.avro.EmissionFactor;
import dk.klimaflow.avro.FactorGases;
import dk.klimaflow.config.Topics;
import dk.klimaflow.simulate.FactorFeed;
import dk.klimaflow.simulate.RecordingFeedSink;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FactorImportTest {
    @TempDir
    Path dir;

    final RecordingFeedSink sink = new RecordingFeedSink();
    final ImportTally tally = new ImportTally(null);

    List<EmissionFactor> run(GwpSet gwp, String method, Path... files) throws Exception {
        FactorImport importer = new FactorImport(sink, tally, gwp, method);
        for (Path f : files) {
            importer.importFile(f, quiet());
        }
        return sink.values(Topics.EMISSION_FACTORS, EmissionFactor.class);
    }

    @Test
    void shouldImportTheRealDeclarationExtractAsCo2OnlyDeclarationsKeyedAsTheSimulatorKeysThem() throws Exception {
        List<EmissionFactor> factors = run(GwpSet.AR5, null, data("eds_declaration_grid_emission/DeclarationGridEmission_125pct_DK2_2023-10_subset.csv"));

        assertThat(factors).hasSize(745);
        assertThat(tally.read()).isEqualTo(745);
        assertThat(tally.rejected()).isZero();
        assertThat(factors).allSatisfy(f -> {
            assertThat(f.getEdition()).isEqualTo(Edition.DECLARATION);
            assertThat(FactorBasis.co2Only(f.getSource())).as(f.getSource()).isTrue();
            assertThat(f.getGases()).isEqualTo(FactorGases.CO2_ONLY); // in the contract, not only in the source text
            assertThat(f.getGwpSet()).isNull();
        });
        assertThat(sink.sent()).allSatisfy(s -> assertThat(s.key()).isEqualTo(FactorFeed.key((EmissionFactor) s.value())));
    }

    @Test
    void shouldComputeCo2eWithTheChosenGwpSetWhenCh4AndN2oArePresent() throws Exception {
        Path csv = write(dir, "DeclarationGridEmission.csv", "HourUTC,HourDK,PriceArea,FuelAllocationMethod,Edition,CO2PerkWh,CH4PerkWh,N2OPerkWh\n"
                + "2023-10-01T10:00:00,2023-10-01T12:00:00,DK2,125%,Final,100.5,0.25,0.01\n");

        EmissionFactor ar5 = run(GwpSet.AR5, null, csv).get(0);
        EmissionFactor ar6 = run(GwpSet.AR6, null, csv).get(1);

        assertThat(ar5.getGramsCo2ePerKWh()).isEqualTo(100.5 + 28 * 0.25 + 265 * 0.01); // 110.15
        assertThat(ar5.getGramsCo2ePerKWh()).isEqualTo(110.15);
        assertThat(ar6.getGramsCo2ePerKWh()).isEqualTo(110.205); // 100.5 + 27.9 x 0.25 + 273 x 0.01
        assertThat(ar5.getSource()).endsWith("basis=CO2e GWP=AR5").contains("edition Final");
        assertThat(ar6.getSource()).endsWith("basis=CO2e GWP=AR6");
        assertThat(ar5.getGases()).isEqualTo(FactorGases.CO2E);
        assertThat(ar5.getGwpSet()).isEqualTo("AR5");
        assertThat(ar6.getGwpSet()).isEqualTo("AR6");
        assertThat(ar5.getValidFrom()).isEqualTo(Instant.parse("2023-10-01T10:00:00Z"));
    }

    @Test
    void shouldReadEdsJsonRecordsAndRejectThoseWithoutAMethodUnlessOneIsGiven() throws Exception {
        Path json = data("energy-origin/eds_emissions_hourly_DeclarationEmissionHour_2021-07-01.json");

        run(GwpSet.AR5, null, json);
        assertThat(tally.rejected()).isEqualTo(10);
        assertThat(tally.problems().get(0).toString()).startsWith("eds_emissions_hourly_DeclarationEmissionHour_2021-07-01.json:6: rejected: no FuelAllocationMethod");

        List<EmissionFactor> factors = run(GwpSet.AR5, "125%", json);
        assertThat(factors).hasSize(10);
        assertThat(factors.get(0).getValidFrom()).isEqualTo(Instant.parse("2021-07-01T21:00:00Z"));
        assertThat(factors.get(0).getGramsCo2ePerKWh()).isEqualTo(149.748856);
        assertThat(factors.get(0).getSource()).contains("DeclarationEmissionHour").endsWith(FactorBasis.CO2_ONLY);
    }

    @Test
    void shouldAverageTwelveFiveMinuteValuesPerHourAndFlagAnHourWithFewer() throws Exception {
        StringBuilder csv = new StringBuilder("Minutes5UTC,Minutes5DK,PriceArea,CO2Emission\n");
        for (int m = 0; m < 60; m += 5) {
            csv.append(String.format("2024-01-01T10:%02d:00,2024-01-01T11:%02d:00,DK2,%d\n", m, m, 100 + m));
        }
        for (int m = 0; m < 55; m += 5) { // 11 values
            csv.append(String.format("2024-01-01T11:%02d:00,2024-01-01T12:%02d:00,DK2,50\n", m, m));
        }
        csv.append("2024-01-01T11:55:00,2024-01-01T12:55:00,DK2,-1\n"); // negative: bad row
        List<EmissionFactor> factors = run(GwpSet.AR5, null, write(dir, "CO2EmisProg.csv", csv.toString()));

        assertThat(factors).hasSize(2);
        assertThat(factors.get(0).getGramsCo2ePerKWh()).isEqualTo(127.5); // mean of 100..155
        assertThat(factors.get(0).getEdition()).isEqualTo(Edition.FORECAST);
        assertThat(factors.get(0).getMethod()).isEqualTo("125%");
        assertThat(factors.get(1).getGramsCo2ePerKWh()).isEqualTo(50.0);
        assertThat(factors.get(1).getSource()).contains("11 of 12");
        assertThat(factors).extracting(EmissionFactor::getGases).containsOnly(FactorGases.CO2_ONLY);
        assertThat(tally.flagged()).isEqualTo(1);
        assertThat(tally.rejected()).isEqualTo(1);
        assertThat(tally.problems()).extracting(Object::toString)
                .anySatisfy(p -> assertThat(p).startsWith("CO2EmisProg.csv:25: rejected: CO2Emission -1 is negative"))
                .anySatisfy(p -> assertThat(p).contains("flagged: DK2 hour 2024-01-01T11:00:00Z has 11 of 12"));
    }

    @Test
    void shouldRejectAFiveMinuteValueThatComesAfterItsHourWasCompletedOrTwice() throws Exception {
        StringBuilder csv = new StringBuilder("{\"dataset\":\"CO2Emis\",\"records\":[\n");
        for (int h = 0; h < 10; h++) {
            csv.append(String.format("{\"Minutes5UTC\":\"2024-01-01T%02d:00:00\",\"PriceArea\":\"DK1\",\"CO2Emission\":10},\n", h));
        }
        csv.append("{\"Minutes5UTC\":\"2024-01-01T09:00:00\",\"PriceArea\":\"DK1\",\"CO2Emission\":10},\n");
        csv.append("{\"Minutes5UTC\":\"2024-01-01T00:05:00\",\"PriceArea\":\"DK1\",\"CO2Emission\":10}\n]}");
        List<EmissionFactor> factors = run(GwpSet.AR5, null, write(dir, "co2emis.json", csv.toString()));

        assertThat(factors).hasSize(10).allSatisfy(f -> assertThat(f.getEdition()).isEqualTo(Edition.ACTUAL));
        assertThat(tally.problems()).extracting(ImportTally.Problem::reason)
                .anySatisfy(r -> assertThat(r).contains("appears twice"))
                .anySatisfy(r -> assertThat(r).contains("sort the file by Minutes5UTC"));
    }

    @Test
    void shouldImportAHeatDeclarationInKgPerGjAsGramsPerKwhAndRejectBadPeriodsAndUnits() throws Exception {
        List<EmissionFactor> factors = run(GwpSet.AR5, null, data("fixtures/heat_declaration_veks.csv"));

        assertThat(factors).hasSize(1);
        EmissionFactor f = factors.get(0);
        assertThat(f.getCarrier()).isEqualTo(Carrier.DISTRICT_HEATING);
        assertThat(f.getArea()).isEqualTo("VEKS-VALLENSBAEK");
        assertThat(f.getGramsCo2ePerKWh()).isEqualTo(36.0);
        assertThat(f.getMethod()).isEqualTo("200%");
        assertThat(f.getValidFrom()).isEqualTo(Instant.parse("2018-12-31T23:00:00Z"));
        assertThat(f.getValidTo()).isEqualTo(Instant.parse("2019-12-31T23:00:00Z"));
        assertThat(f.getSource()).endsWith(FactorBasis.CO2_ONLY);
        assertThat(f.getGases()).isEqualTo(FactorGases.CO2_ONLY);
        assertThat(tally.problems()).extracting(Object::toString).containsExactly(
                "heat_declaration_veks.csv:3: rejected: Period '2023-13' is not a year (2021) or a month (2021-03)",
                "heat_declaration_veks.csv:4: rejected: Unit 't/GJ' is not g/kWh, kg/MWh or kg/GJ");
    }

    @Test
    void shouldMarkAHeatDeclarationThatStatesCo2eAsCo2eWithoutAGwpSetOfItsOwn() throws Exception {
        Path csv = write(dir, "heat.csv", "SupplyArea;Period;Value;Unit;Method;Source;Basis\n"
                + "VEKS-VALLENSBAEK;2021;10;kg/GJ;200%;VEKS varmedeklaration 2021;CO2e\n");

        EmissionFactor f = run(GwpSet.AR5, null, csv).get(0);

        assertThat(f.getGases()).isEqualTo(FactorGases.CO2E);
        assertThat(f.getGwpSet()).isNull(); // as declared: the declaration names no GWP set, klimaflow does not invent one
        assertThat(FactorBasis.of(f)).isEqualTo(FactorBasis.AS_DECLARED);
    }

    @Test
    void shouldReadTheBasisOfAFactorImportedBeforeTheFieldsExistedFromItsSource() {
        EmissionFactor old = EmissionFactor.newBuilder().setCarrier(Carrier.ELECTRICITY).setArea("DK2").setValidFrom(Instant.EPOCH)
                .setValidTo(Instant.EPOCH.plusSeconds(3600)).setGramsCo2ePerKWh(1).setMethod("125%").setEdition(Edition.DECLARATION)
                .setSource(FactorBasis.source("EDS", FactorBasis.CO2_ONLY)).build();
        assertThat(old.getGases()).isNull(); // the schema default: not stated
        assertThat(FactorBasis.of(old)).isEqualTo(FactorBasis.CO2_ONLY);
        old.setSource("simulated");
        assertThat(FactorBasis.of(old)).isEqualTo(FactorBasis.UNKNOWN);
        old.setGases(FactorGases.CO2_ONLY); // the field wins over a source without the marker
        assertThat(FactorBasis.of(old)).isEqualTo(FactorBasis.CO2_ONLY);
    }

    @Test
    void shouldRejectARowWithTheWrongNumberOfFieldsAndGoOn() throws Exception {
        Path csv = write(dir, "decl.csv", "HourDK,PriceArea,FuelAllocationMethod,CO2PerkWh\n2023-10-01T12:00:00,DK2,125%\n"
                + "2023-10-01T11:00:00,DK3,125%,5\n2023-03-26T02:00:00,DK2,125%,5\n2023-10-01T10:00:00,DK2,125%,5\n");

        assertThat(run(GwpSet.AR5, null, csv)).hasSize(1);
        assertThat(tally.read()).isEqualTo(4);
        assertThat(tally.problems()).extracting(Object::toString).containsExactly(
                "decl.csv:2: rejected: expected 4 fields [HourDK, PriceArea, FuelAllocationMethod, CO2PerkWh], found 3",
                "decl.csv:3: rejected: PriceArea 'DK3' is not DK1 or DK2",
                "decl.csv:4: rejected: local time 2023-03-26T02:00 does not exist in Europe/Copenhagen (spring-forward gap)");
    }

    @Test
    void shouldSendTheSameKeysAndValuesWhenTheSameFileIsImportedTwice() throws Exception {
        Path file = data("eds_declaration_grid_emission/DeclarationGridEmission_125pct_DK2_2023-10_subset.csv");
        run(GwpSet.AR5, null, file);
        List<RecordingFeedSink.Sent> first = sink.sent();
        run(GwpSet.AR5, null, file);
        List<RecordingFeedSink.Sent> both = sink.sent();

        assertThat(both.subList(first.size(), both.size())).usingRecursiveFieldByFieldElementComparatorOnFields("key", "value")
                .isEqualTo(first);
    }
}
