package dk.klimaflow.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.MeteringPoint;
import dk.klimaflow.avro.PriceArea;
import dk.klimaflow.bench.ExpectedTotals;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chaos ledger's recomputation: latest version per day only, DECLARATION over ACTUAL per hour, heat deltas to the hour before. */
class ChaosLedgerTest {
    static final long DAY = Instant.parse("2026-11-27T23:00:00Z").toEpochMilli(); // local midnight, 28 November 2026
    static final MeteringPoint E = new MeteringPoint("571313000000000001", Carrier.ELECTRICITY, "grid", "0187", "I.1", false, PriceArea.DK2, null, dk.klimaflow.avro.MeteringPointType.E17, null);
    static final MeteringPoint H = new MeteringPoint("DH-1", Carrier.DISTRICT_HEATING, "heat", "0187", "I.2", false, null, "VEKS", dk.klimaflow.avro.MeteringPointType.E17, null);

    private final ChaosLedger ledger = new ChaosLedger(List.of(E, H), List.of(DAY), DAY, hour -> 100_000L);

    private static long wh(int v) {
        long wh = 0;
        for (int j = 0; j < 96; j++) {
            wh += ChaosLedger.quantityWh(0, 0, v, j);
        }
        return wh;
    }

    @Test
    void shouldCountOnlyTheLatestVersionOfASeries() {
        ledger.electricitySent(0, 0, 0);
        ledger.electricitySent(0, 0, 1);

        ExpectedTotals.Totals t = ledger.expected().cells().get(new ExpectedTotals.Cell("0187", "I.1", "ELECTRICITY", DAY));

        assertThat(wh(0)).isNotEqualTo(wh(1));
        assertThat(t.energyWh()).isEqualTo(wh(1));
        assertThat(t.co2eMicrograms()).isEqualTo(wh(1) * 100_000L);
        assertThat(ledger.records()).isEqualTo(2);
        assertThat(ledger.accepted()).isEqualTo(2);
    }

    @Test
    void shouldPriceAnHourWithItsLatestDeclaration() {
        ledger.electricitySent(0, 0, 0);
        ledger.declarationSent(DAY, 150_000L);
        ledger.declarationSent(DAY, 120_000L);

        long firstHourWh = 0;
        for (int j = 0; j < 4; j++) {
            firstHourWh += ChaosLedger.quantityWh(0, 0, 0, j);
        }
        ExpectedTotals.Totals t = ledger.expected().cells().get(new ExpectedTotals.Cell("0187", "I.1", "ELECTRICITY", DAY));

        assertThat(t.co2eMicrograms()).isEqualTo(wh(0) * 100_000L + firstHourWh * 20_000L);
    }

    @Test
    void shouldPutAHeatRegisterDeltaIntoTheHourBeforeTheReading() {
        ledger.heatSent(0);
        ledger.heatSent(0);
        ledger.heatSent(0);

        ExpectedTotals.Totals t = ledger.expected().cells().get(new ExpectedTotals.Cell("0187", "I.2", "DISTRICT_HEATING", DAY));

        long kwh = ChaosLedger.registerKwh(0, 2) - ChaosLedger.registerKwh(0, 0);
        assertThat(t.energyWh()).isEqualTo(kwh * 1_000);
        assertThat(t.co2eMicrograms()).isEqualTo(kwh * 1_000 * ChaosLedger.HEAT_MG_PER_KWH);
    }

    @Test
    void shouldCountGarbageAsRejectedAndUnknownPointsAsParked() {
        ledger.malformedSent();
        ledger.unknownSent();

        assertThat(ledger.records()).isEqualTo(2);
        assertThat(ledger.accepted()).isZero();
        assertThat(ledger.malformed()).isEqualTo(1);
        assertThat(ledger.parked()).isEqualTo(1);
    }

    @Test
    void shouldGiveEveryGranularityTheSameTotalsInItsOwnWindows() {
        ledger.electricitySent(0, 0, 0);
        ledger.declarationSent(DAY + ChaosLedger.HOUR, 150_000L);

        ExpectedTotals hourly = ledger.expected(ExpectedTotals.Grain.HOUR);
        ExpectedTotals daily = ledger.expected(ExpectedTotals.Grain.DAY);
        ExpectedTotals monthly = ledger.expected(ExpectedTotals.Grain.MONTH);
        ExpectedTotals yearly = ledger.expected(ExpectedTotals.Grain.YEAR);

        long secondHourWh = 0;
        for (int j = 4; j < 8; j++) {
            secondHourWh += ChaosLedger.quantityWh(0, 0, 0, j);
        }
        assertThat(hourly.size()).isEqualTo(24);
        assertThat(hourly.cells().get(new ExpectedTotals.Cell("0187", "I.1", "ELECTRICITY", DAY + ChaosLedger.HOUR)))
                .isEqualTo(new ExpectedTotals.Totals(secondHourWh, secondHourWh * 150_000L));
        ExpectedTotals.Totals day = daily.cells().get(new ExpectedTotals.Cell("0187", "I.1", "ELECTRICITY", DAY));
        long month = Instant.parse("2026-10-31T23:00:00Z").toEpochMilli(); // local 1 November 2026
        long year = Instant.parse("2025-12-31T23:00:00Z").toEpochMilli(); // local 1 January 2026
        assertThat(hourly.cells().values().stream().mapToLong(ExpectedTotals.Totals::co2eMicrograms).sum()).isEqualTo(day.co2eMicrograms());
        assertThat(monthly.cells()).containsOnlyKeys(new ExpectedTotals.Cell("0187", "I.1", "ELECTRICITY", month)).containsValue(day);
        assertThat(yearly.cells()).containsOnlyKeys(new ExpectedTotals.Cell("0187", "I.1", "ELECTRICITY", year)).containsValue(day);
    }
}
