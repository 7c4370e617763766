package dk.klimaflow.importer;

import static dk.klimaflow.importer.ImportFixtures.data;
import static dk.klimaflow.importer.ImportFixtures.quiet;
import static dk.klimaflow.importer.ImportFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dk.klimaflow.avro.DistrictHeatingReading;
import dk.klimaflow.avro.ElectricityTimeSeries;
import dk.klimaflow.avro.EnergyUnit;
import dk.klimaflow.avro.HeatReadingEvent;
import dk.klimaflow.avro.MeteringPoint;
import dk.klimaflow.avro.MeteringPointType;
import dk.klimaflow.avro.Point;
import dk.klimaflow.avro.Quality;
import dk.klimaflow.avro.Resolution;
import dk.klimaflow.config.Topics;
import dk.klimaflow.simulate.RecordingFeedSink;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadingImportTest {
    static final Instant SENT = Instant.parse("2026-01-02T03:04:05Z");

    @TempDir
    Path dir;

    final RecordingFeedSink sink = new RecordingFeedSink();
    final ImportTally tally = new ImportTally(null);
    final ReadingImport importer = new ReadingImport(sink, tally, "5790000705689", SENT);

    /** Every point of the sent series by its UTC hour. */
    Map<Instant, Point> hours() {
        Map<Instant, Point> out = new TreeMap<>();
        for (ElectricityTimeSeries ts : sink.values(Topics.ELECTRICITY, ElectricityTimeSeries.class)) {
            for (int i = 0; i < ts.getPoints().size(); i++) {
                assertThat(out.put(ts.getPeriodStart().plusSeconds(3_600L * i), ts.getPoints().get(i))).as("hour sent once").isNull();
            }
        }
        return out;
    }

    @Test
    void shouldReadTheRealAutumnExportWithTheRepeatedHourAsTwoDistinctHours() throws Exception {
        importer.readings(data("eloverblik_csv/Meterdata_571313104402686056_2018-10.csv"), quiet());

        Map<Instant, Point> hours = hours();
        assertThat(tally.read()).isEqualTo(721);
        assertThat(tally.rejected()).isZero();
        assertThat(hours).hasSize(721);
        assertThat(hours.get(Instant.parse("2018-10-28T00:00:00Z"))).isEqualTo(new Point(230L, Quality.MEASURED)); // 02.00 CEST
        assertThat(hours.get(Instant.parse("2018-10-28T01:00:00Z"))).isEqualTo(new Point(240L, Quality.MEASURED)); // 02.00 CET
        assertThat(hours.get(Instant.parse("2018-09-30T22:00:00Z"))).isEqualTo(new Point(1460L, Quality.MEASURED)); // "1,460"
        List<ElectricityTimeSeries> series = sink.values(Topics.ELECTRICITY, ElectricityTimeSeries.class);
        // one series per local day present (the export lacks one day of October: 721 = 30 x 24 + the repeated hour)
        assertThat(series).hasSize(30).allSatisfy(ts -> {
            assertThat(ts.getResolution()).isEqualTo(Resolution.PT1H);
            assertThat(ts.getSentAt()).isEqualTo(SENT);
            assertThat(ts.getUtilityId()).isEqualTo("5790000705689");
        });
        assertThat(tally.imported()).isEqualTo(30);
    }

    @Test
    void shouldReadTheRealSpringExportWithoutTheMissingHourAndRejectQuarterlyTotals() throws Exception {
        importer.readings(data("eloverblik_csv/Meterdata_571313104402686056_2019-03.csv"), quiet());
        importer.readings(data("eloverblik_csv/Meterdata_571313104402686056_quarterly_Maaling.csv"), quiet());

        Map<Instant, Point> hours = hours();
        assertThat(hours).hasSize(743);
        assertThat(hours.get(Instant.parse("2019-03-31T00:00:00Z")).getQuantityWh()).isEqualTo(820L); // 01.00 CET
        assertThat(hours.get(Instant.parse("2019-03-31T01:00:00Z")).getQuantityWh()).isEqualTo(1060L); // 03.00 CEST
        assertThat(tally.rejected()).isEqualTo(11);
        assertThat(tally.problems().get(0).toString()).startsWith("Meterdata_571313104402686056_quarterly_Maaling.csv:2: rejected: Type 'Måling'");
    }

    @Test
    void shouldRejectBadEloverblikRowsWithTheirLineAndKeepTheRest() throws Exception {
        String header = "\uFEFFMålepunkt id;Fra dato;Til dato;Mængde;Måleenhed;Kvalitet;Type;\r\n";
        Path csv = write(dir, "bad.csv", header
                + "571313104402686056;2019-01-01 00.00;2019-01-01 01.00;0,100;KWH;Målt;Tidsserier;\r\n"
                + "571313104402686056;2019-01-01 01.00;2019-01-01 02.00;-0,100;KWH;Målt;Tidsserier;\r\n"
                + "571313104402686056;2019-01-01 02.00;2019-01-01 04.00;0,100;KWH;Målt;Tidsserier;\r\n"
                + "5713131044;2019-01-01 03.00;2019-01-01 04.00;0,100;KWH;Målt;Tidsserier;\r\n"
                + "571313104402686056;2019-01-01 04.00;2019-01-01 05.00;0,1005;KWH;Målt;Tidsserier;\r\n"
                + "571313104402686056;2019-01-01 05.00;2019-01-01 06.00;0,100;KWH;Gættet;Tidsserier;\r\n"
                + "571313104402686056;2019-01-01 06.00;2019-01-01 07.00;0,100;MWH;Målt;Tidsserier;\r\n"
                + "571313104402686056;2019-01-01 07.00;2019-01-01 08.00;0,200;KWH;Estimeret;Tidsserier;\r\n");
        importer.readings(csv, quiet());

        assertThat(tally.read()).isEqualTo(8);
        assertThat(tally.rejected()).isEqualTo(6);
        assertThat(tally.problems()).extracting(p -> p.line()).containsExactly(3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(tally.problems()).extracting(ImportTally.Problem::reason).containsExactly(
                "Mængde -0.100 kWh is negative", "period 2019-01-01 02.00 - 2019-01-01 04.00 is not one hour",
                "Målepunkt id '5713131044' is not an 18-digit GSRN", "Mængde 0,1005 has more than three decimals (Wh is the smallest unit)",
                "quality 'Gættet' is not a known DataHub/ebIX code (A01-A06, E01, 56, 36, D01) or Eloverblik word (Målt, Estimeret, Beregnet)",
                "Måleenhed 'MWH' is not KWH");
        assertThat(hours()).containsOnlyKeys(Instant.parse("2018-12-31T23:00:00Z"), Instant.parse("2019-01-01T06:00:00Z"))
                .containsValue(new Point(200L, Quality.ESTIMATED));
    }

    @Test
    void shouldReadDataHubJsonPeriodsWithQualityCodesAndGapsAsMissing() throws Exception {
        String json = """
                {"result":[{"MyEnergyData_MarketDocument":{"mRID":"x","createdDateTime":"2024-02-02T06:00:00Z",
                 "TimeSeries":[{"mRID":"571313104402686056","measurement_Unit.name":"KWH",
                   "MarketEvaluationPoint":{"mRID":{"codingScheme":"A10","name":"571313104402686056"}},
                   "Period":[
                    {"resolution":"PT1H","timeInterval":{"start":"2024-01-31T23:00:00Z","end":"2024-02-01T03:00:00Z"},
                     "Point":[{"position":"1","out_Quantity.quantity":"0.291","out_Quantity.quality":"A04"},
                              {"position":"2","out_Quantity.quantity":"0.300","out_Quantity.quality":"A03"},
                              {"position":"4","out_Quantity.quantity":"0.100","out_Quantity.quality":"A01"}]},
                    {"resolution":"P1D","timeInterval":{"start":"2024-02-01T23:00:00Z","end":"2024-02-02T23:00:00Z"},
                     "Point":[{"position":"1","out_Quantity.quantity":"7","out_Quantity.quality":"A04"}]}]}]}}]}
                """;
        ReadingImport byDocument = new ReadingImport(sink, tally, "5790000705689", null);
        byDocument.readings(write(dir, "timeseries.json", json), quiet());

        List<ElectricityTimeSeries> series = sink.values(Topics.ELECTRICITY, ElectricityTimeSeries.class);
        assertThat(series).hasSize(1);
        assertThat(series.get(0).getSentAt()).isEqualTo(Instant.parse("2024-02-02T06:00:00Z"));
        assertThat(series.get(0).getPoints()).containsExactly(new Point(291L, Quality.MEASURED), new Point(300L, Quality.ESTIMATED),
                new Point(null, Quality.MISSING), new Point(100L, Quality.ESTIMATED));
        assertThat(tally.read()).isEqualTo(2);
        assertThat(tally.problems()).singleElement().satisfies(p -> assertThat(p.reason()).startsWith("resolution 'P1D'"));
    }

    @Test
    void shouldReadTheRealHeatMeterSampleWithTemperaturesFromTheVolumeTemperatureRegisters() throws Exception {
        ReadingImport heat = new ReadingImport(sink, tally, "vallensbaek-fjernvarme", SENT);
        heat.readings(data("danish_heat_meter/heat_meter_660_2019-01.csv"), quiet());

        List<DistrictHeatingReading> readings = sink.values(Topics.DISTRICT_HEATING, DistrictHeatingReading.class);
        assertThat(readings).hasSize(744);
        DistrictHeatingReading second = readings.get(1);
        assertThat(second.getMeterId()).isEqualTo("660");
        assertThat(second.getUnit()).isEqualTo(EnergyUnit.KWH);
        assertThat(second.getEnergyRegister()).isEqualTo(22953.0816326531);
        assertThat(second.getReadAt()).isEqualTo(Instant.parse("2019-01-01T01:00:00Z"));
        // (39633.1632653061 - 39629.6) / (563.373265306123 - 563.324222222222) = 72.655 degC; return 1.25941 / 0.04904 = 25.680
        assertThat(second.getFlowTempC()).isEqualTo(72.66);
        assertThat(second.getReturnTempC()).isEqualTo(25.68);
        assertThat(readings.get(0).getFlowTempC()).isNull();
    }

    @Test
    void shouldRejectBadHeatRows() throws Exception {
        Path csv = write(dir, "heat.csv", "meter_id,time,energy,unit\nM1,2024-01-01T00:00:00Z,10.5,MWh\nM1,2024-01-01T01:00:00Z,-1,MWh\n"
                + "M1,2024-01-01T02:00:00Z,11,therm\nM1,yesterday,11,GJ\n");
        new ReadingImport(sink, tally, "heat", SENT).readings(csv, quiet());

        assertThat(sink.values(Topics.DISTRICT_HEATING, DistrictHeatingReading.class)).singleElement()
                .satisfies(r -> assertThat(r.getUnit()).isEqualTo(EnergyUnit.MWH));
        assertThat(tally.problems()).extracting(Object::toString).containsExactly(
                "heat.csv:3: rejected: energy register -1 is negative",
                "heat.csv:4: rejected: unit 'therm' is not kWh, MWh or GJ",
                "heat.csv:5: rejected: 'yesterday' is not a UTC time like 2021-07-01T21:00:00 or 2019-01-01T00:00:00Z");
    }

    @Test
    void shouldReadAMeterReplacementFromTheEventColumn() throws Exception {
        Path csv = write(dir, "heat.csv", "meter_id,time,energy,unit,event\nM1,2024-01-01T00:00:00Z,10.5,MWh,\n"
                + "M1,2024-01-01T01:00:00Z,10.6,MWh,meter_removed\nM1,2024-01-01T01:00:00Z,0.001,MWh,METER_INSTALLED\n"
                + "M1,2024-01-01T02:00:00Z,0.1,MWh,reading\nM1,2024-01-01T03:00:00Z,0.2,MWh,swapped\n");
        new ReadingImport(sink, tally, "heat", SENT).readings(csv, quiet());

        assertThat(sink.values(Topics.DISTRICT_HEATING, DistrictHeatingReading.class)).extracting(DistrictHeatingReading::getEvent)
                .containsExactly(HeatReadingEvent.READING, HeatReadingEvent.METER_REMOVED, HeatReadingEvent.METER_INSTALLED, HeatReadingEvent.READING);
        assertThat(tally.problems()).extracting(Object::toString)
                .containsExactly("heat.csv:6: rejected: event 'swapped' is not READING, METER_REMOVED or METER_INSTALLED");
    }

    @Test
    void shouldImportTheRegisterWithProductionPointsMarkedAndRejectUnknownSectors() throws Exception {
        importer.meteringPoints(data("fixtures/metering_points_0187.csv"), quiet());

        assertThat(sink.values(Topics.METERING_POINTS, MeteringPoint.class)).extracting(MeteringPoint::getId, MeteringPoint::getType)
                .containsExactly(tuple("571313100000000011", MeteringPointType.E17), tuple("571313100000000012", MeteringPointType.E17),
                        tuple("660", MeteringPointType.E17), tuple("571313100000000099", MeteringPointType.E18));
        assertThat(tally.problems()).extracting(p -> p.line() + " " + p.reason().substring(0, 20))
                .containsExactly("6 gpcSector 'I.9' is n");
    }

    @Test
    void shouldImportEveryDataHubTypeAndKeepTheExactChildCode() throws Exception {
        Path register = write(dir, "register.csv", """
                id;carrier;utilityId;municipalityCode;gpcSector;municipalOperation;priceArea;supplyAreaId;type
                571313100000000021;ELECTRICITY;5790000705689;0187;I.1;false;DK2;;e18
                571313100000000022;ELECTRICITY;5790000705689;0187;II.1;false;DK2;;E20
                571313100000000023;ELECTRICITY;5790000705689;0187;I.1;false;DK2;;D07
                571313100000000024;ELECTRICITY;5790000705689;0187;I.1;false;DK2;;
                571313100000000025;ELECTRICITY;5790000705689;0187;I.1;false;DK2;;E99
                571313100000000026;ELECTRICITY;5790000705689;0187;I.1;false;DK2;;D7
                """);
        importer.meteringPoints(register, quiet());

        assertThat(sink.values(Topics.METERING_POINTS, MeteringPoint.class))
                .extracting(MeteringPoint::getId, MeteringPoint::getType, MeteringPoint::getTypeCode)
                .containsExactly(tuple("571313100000000021", MeteringPointType.E18, null),
                        tuple("571313100000000022", MeteringPointType.E20, null),
                        tuple("571313100000000023", MeteringPointType.D, "D07"),
                        tuple("571313100000000024", MeteringPointType.E17, null));
        assertThat(tally.problems()).extracting(p -> p.line() + " " + p.reason())
                .containsExactly("6 type 'E99' is not a DataHub metering-point type: E17 consumption, E18 production, E20 exchange or a child point D01..D99",
                        "7 type 'D7' is not a DataHub metering-point type: E17 consumption, E18 production, E20 exchange or a child point D01..D99");
    }

    @Test
    void shouldVersionReadingsByTheFileTimeSoThatASecondImportSendsTheSameRecords() throws Exception {
        ReadingImport byFile = new ReadingImport(sink, tally, "5790000705689", null);
        Path file = data("fixtures/Meterdata_fixture_0187_2023-10-28_29.csv");
        byFile.readings(file, quiet());
        List<RecordingFeedSink.Sent> first = new ArrayList<>(sink.sent());
        byFile.readings(file, quiet());

        assertThat(sink.sent().subList(first.size(), sink.size())).usingRecursiveFieldByFieldElementComparatorOnFields("key", "value")
                .isEqualTo(first);
        assertThat(sink.values(Topics.ELECTRICITY, ElectricityTimeSeries.class).get(0).getSentAt())
                .isEqualTo(Instant.ofEpochSecond(java.nio.file.Files.getLastModifiedTime(file).toInstant().getEpochSecond()));
    }
}
