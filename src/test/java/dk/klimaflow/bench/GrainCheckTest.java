package dk.klimaflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.SectorEmissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The untimed check of the hourly, monthly and yearly topics: exact cells pass, one Wh or one gram off is named. */
class GrainCheckTest {
    static final long HOUR = Instant.parse("2026-11-28T10:00:00Z").toEpochMilli();
    static final long MONTH = Instant.parse("2026-10-31T23:00:00Z").toEpochMilli();

    private static SectorEmissions aggregate(long windowStart, long wh, long micrograms, long grams) {
        return SectorEmissions.newBuilder().setMunicipalityCode("0187").setGpcSector("I.1").setCarrier(Carrier.ELECTRICITY)
                .setWindowStart(Instant.ofEpochMilli(windowStart)).setWindowEnd(Instant.ofEpochMilli(windowStart + 3_600_000L))
                .setEnergyWh(wh).setCo2eGrams(grams).setCo2eMicrograms(micrograms).setPendingFactorWh(0).setMeasuredWh(wh)
                .setEstimatedWh(0).setMissingIntervals(0).setMeteringPoints(1).setMunicipalOperationEnergyWh(0)
                .setMunicipalOperationCo2eGrams(0).setRevision(1).build();
    }

    private static ExpectedTotals hourly() {
        ExpectedTotals t = new ExpectedTotals(ExpectedTotals.Grain.HOUR);
        t.add("0187", "I.1", "ELECTRICITY", HOUR, 1_000, 150_000); // 1 kWh at 150 g/kWh
        return t;
    }

    @Test
    void shouldPassWhenEveryCellOfTheTopicIsExact() {
        Map<ExpectedTotals.Cell, SectorEmissions> latest = new HashMap<>();
        latest.put(new ExpectedTotals.Cell("0187", "I.1", "ELECTRICITY", MONTH), aggregate(MONTH, 1_000, 150_000_000, 150));

        assertThat(GrainCheck.differences("emissions.sector.monthly", hourly().regrain(ExpectedTotals.Grain.MONTH), latest)).isEmpty();
    }

    @Test
    void shouldNameTheTopicTheCellAndBothNumbersWhenAWattHourIsMissing() {
        Map<ExpectedTotals.Cell, SectorEmissions> latest = new HashMap<>();
        latest.put(new ExpectedTotals.Cell("0187", "I.1", "ELECTRICITY", HOUR), aggregate(HOUR, 999, 150_000_000, 150));

        assertThat(GrainCheck.differences("emissions.sector.hourly", hourly(), latest))
                .containsExactly("emissions.sector.hourly 0187|I.1|ELECTRICITY|2026-11-28T11:00+01:00: energyWh expected 1000, got 999");
    }

    @Test
    void shouldCatchAWrongGramRoundingAndAMissingCell() {
        Map<ExpectedTotals.Cell, SectorEmissions> latest = new HashMap<>();
        latest.put(new ExpectedTotals.Cell("0187", "I.1", "ELECTRICITY", MONTH), aggregate(MONTH, 1_000, 150_000_000, 151));

        assertThat(GrainCheck.differences("emissions.sector.monthly", hourly().regrain(ExpectedTotals.Grain.MONTH), latest))
                .containsExactly("emissions.sector.monthly 0187|I.1|ELECTRICITY|2026-11-01: co2eGrams expected 150, got 151");
        assertThat(GrainCheck.differences("emissions.sector.yearly", hourly().regrain(ExpectedTotals.Grain.YEAR), Map.of()))
                .singleElement().asString().contains("2026-01-01: expected 1000 Wh / 150000000 ug CO2e, no aggregate seen");
    }
}
