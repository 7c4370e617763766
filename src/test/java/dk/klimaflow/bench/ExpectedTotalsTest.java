package dk.klimaflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpectedTotalsTest {
    static long midnight(String date) {
        return LocalDate.parse(date).atStartOfDay(ExpectedTotals.ZONE).toInstant().toEpochMilli();
    }

    @Test
    void shouldSumWhAndMicrogramsPerLocalDay() {
        ExpectedTotals t = new ExpectedTotals();
        long day = midnight("2026-11-28");
        t.add("0187", "I.1", "ELECTRICITY", day, 100, 150_000); // 100 Wh at 150 g/kWh = 15 g
        t.add("0187", "I.1", "ELECTRICITY", day + 23 * 3_600_000L + 2_700_000L, 7, 1); // last quarter-hour of the same local day
        t.add("0187", "I.1", "ELECTRICITY", day + 24 * 3_600_000L, 5, 2); // next day

        var cells = t.cells();
        assertThat(cells).hasSize(2);
        ExpectedTotals.Totals first = cells.get(new ExpectedTotals.Cell("0187", "I.1", "ELECTRICITY", day));
        assertThat(first.energyWh()).isEqualTo(107);
        assertThat(first.co2eMicrograms()).isEqualTo(15_000_007L);
        assertThat(first.co2eGrams()).isEqualTo(15);
        assertThat(t.totalWh()).isEqualTo(112);
    }

    @Test
    void shouldAttributeUtcEveningToTheNextDanishDay() {
        long utc2300 = midnight("2026-11-28") + 24 * 3_600_000L; // 23:00Z on 28 Nov is 00:00 on 29 Nov in Copenhagen
        assertThat(ExpectedTotals.dayStart(utc2300)).isEqualTo(midnight("2026-11-29"));
    }

    @Test
    void shouldRoundGramsHalfUpOnce() {
        assertThat(new ExpectedTotals.Totals(0, 1_499_999).co2eGrams()).isEqualTo(1);
        assertThat(new ExpectedTotals.Totals(0, 1_500_000).co2eGrams()).isEqualTo(2);
    }

    @Test
    void shouldNameTheCellAndBothNumbersOnAMismatch() {
        ExpectedTotals t = new ExpectedTotals();
        long day = midnight("2026-11-28");
        t.add("0187", "I.2", "DISTRICT_HEATING", day, 1_000, 36_000);
        ExpectedTotals.Cell cell = new ExpectedTotals.Cell("0187", "I.2", "DISTRICT_HEATING", day);
        Map<ExpectedTotals.Cell, ExpectedTotals.Totals> observed = new HashMap<>();
        observed.put(cell, new ExpectedTotals.Totals(999, 36_000_000));

        assertThat(t.compare(observed)).containsExactly("0187|I.2|DISTRICT_HEATING|2026-11-28: energyWh expected 1000, got 999");
        observed.put(cell, new ExpectedTotals.Totals(1_000, 36_000_000));
        assertThat(t.compare(observed)).isEmpty();
        assertThat(t.matches(cell, observed.get(cell))).isTrue();
    }

    @Test
    void shouldReportMissingAndUnexpectedCells() {
        ExpectedTotals t = new ExpectedTotals();
        long day = midnight("2026-11-28");
        t.add("0187", "I.1", "ELECTRICITY", day, 10, 1);
        Map<ExpectedTotals.Cell, ExpectedTotals.Totals> observed = Map.of(
                new ExpectedTotals.Cell("0101", "I.1", "ELECTRICITY", day), new ExpectedTotals.Totals(3, 3),
                new ExpectedTotals.Cell("0147", "I.1", "ELECTRICITY", day), new ExpectedTotals.Totals(0, 0));

        assertThat(t.compare(observed)).containsExactlyInAnyOrder(
                "0187|I.1|ELECTRICITY|2026-11-28: expected 10 Wh / 10 ug CO2e, no aggregate seen",
                "0101|I.1|ELECTRICITY|2026-11-28: expected nothing, got 3 Wh / 3 ug CO2e");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "heat as series: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void shouldGenerateExactlyTheTotalsOfTheRecordsItSends(boolean heatSeries) {
        long now = midnight("2026-11-30") + 10 * 3_600_000L;
        Workload w = new Workload(300, 2, now);
        Workload.Plan plan = w.plan(20_000);
        ExpectedTotals expected = new ExpectedTotals(ExpectedTotals.Grain.HOUR);
        ExpectedTotals recomputed = new ExpectedTotals(ExpectedTotals.Grain.HOUR);
        Map<String, dk.klimaflow.avro.MeteringPoint> points = new HashMap<>();
        w.meteringPoints().forEach(p -> points.put(p.getId(), p));
        Map<String, Double> lastRegister = new HashMap<>();
        Map<String, Long> lastAt = new HashMap<>();
        // the heat declaration as published with the workload's factors, not a copy of its value
        long heatMg = w.factors(now - 3 * 86_400_000L, now).stream().filter(f -> f.getCarrier() == dk.klimaflow.avro.Carrier.DISTRICT_HEATING)
                .mapToLong(f -> Math.round(f.getGramsCo2ePerKWh() * 1_000)).findFirst().orElseThrow();
        w.generate(plan, new Workload.Sink() {
            @Override
            public void electricity(dk.klimaflow.avro.ElectricityTimeSeries s) {
                var mp = points.get(s.getMeteringPointId());
                assertThat(s.getPoints()).hasSize(96);
                for (int j = 0; j < 96; j++) {
                    long at = s.getPeriodStart().toEpochMilli() + j * 900_000L;
                    recomputed.add(mp.getMunicipalityCode(), mp.getGpcSector(), "ELECTRICITY", at, s.getPoints().get(j).getQuantityWh(), w.electricityMg(at));
                }
            }

            @Override
            public void heatSeries(dk.klimaflow.avro.DistrictHeatingSeries s) {
                assertThat(heatSeries).isTrue();
                assertThat(s.getReadings()).hasSizeBetween(1, 24);
                dk.klimaflow.domain.HeatSeries.readings(s).forEach(this::heat);
            }

            @Override
            public void heat(dk.klimaflow.avro.DistrictHeatingReading r) {
                var mp = points.get(r.getMeterId());
                Double before = lastRegister.put(r.getMeterId(), r.getEnergyRegister());
                Long beforeAt = lastAt.put(r.getMeterId(), r.getReadAt().toEpochMilli());
                if (before != null) {
                    assertThat(r.getReadAt().toEpochMilli() - beforeAt).isEqualTo(3_600_000L);
                    recomputed.add(mp.getMunicipalityCode(), mp.getGpcSector(), "DISTRICT_HEATING", beforeAt,
                            (long) ((r.getEnergyRegister() - before) * 1_000), heatMg);
                }
            }
        }, expected, heatSeries, n -> { });

        assertThat(plan.readings()).isBetween(19_000L, 21_000L);
        assertThat(plan.days()).allSatisfy(d -> assertThat(d).isLessThan(now));
        assertThat(expected.cells()).isEqualTo(recomputed.cells());
        assertThat(expected.size()).isGreaterThan(5 * 24);
        for (ExpectedTotals.Grain g : List.of(ExpectedTotals.Grain.DAY, ExpectedTotals.Grain.MONTH, ExpectedTotals.Grain.YEAR)) {
            assertThat(expected.regrain(g).cells()).isEqualTo(recomputed.regrain(g).cells());
        }
    }

    @Test
    void shouldSumHoursIntoTheirLocalDaysWhenRegrained() {
        ExpectedTotals hourly = new ExpectedTotals(ExpectedTotals.Grain.HOUR);
        long day = midnight("2026-11-28");
        hourly.add("0187", "I.1", "ELECTRICITY", day, 10, 100); // 00:00 local
        hourly.add("0187", "I.1", "ELECTRICITY", day - 3_600_000L, 5, 100); // 23:00 local, the day before

        Map<ExpectedTotals.Cell, ExpectedTotals.Totals> daily = hourly.regrain(ExpectedTotals.Grain.DAY).cells();

        assertThat(daily).containsEntry(new ExpectedTotals.Cell("0187", "I.1", "ELECTRICITY", day), new ExpectedTotals.Totals(10, 1_000))
                .containsEntry(new ExpectedTotals.Cell("0187", "I.1", "ELECTRICITY", midnight("2026-11-27")), new ExpectedTotals.Totals(5, 500));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> hourly.regrain(ExpectedTotals.Grain.DAY).regrain(ExpectedTotals.Grain.HOUR))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldStartEachGrainsWindowInLocalTimeButHoursInUtc() {
        long fallBack = java.time.Instant.parse("2026-10-25T01:30:00Z").toEpochMilli(); // 02:30 local, the second time (CET)
        assertThat(ExpectedTotals.Grain.HOUR.start(fallBack)).isEqualTo(java.time.Instant.parse("2026-10-25T01:00:00Z").toEpochMilli());
        assertThat(ExpectedTotals.Grain.DAY.start(fallBack)).isEqualTo(java.time.Instant.parse("2026-10-24T22:00:00Z").toEpochMilli());
        assertThat(ExpectedTotals.Grain.MONTH.start(fallBack)).isEqualTo(java.time.Instant.parse("2026-09-30T22:00:00Z").toEpochMilli());
        assertThat(ExpectedTotals.Grain.YEAR.start(fallBack)).isEqualTo(java.time.Instant.parse("2025-12-31T23:00:00Z").toEpochMilli());
        assertThat(ExpectedTotals.Grain.HOUR.label()).isEqualTo("hourly");
        assertThat(ExpectedTotals.Grain.DAY.label()).isEqualTo("daily");
    }
}
