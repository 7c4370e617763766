package dk.klimaflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SectorTableTest {
    @Test
    void shouldShowKwhTonnesCompletenessAndLocalWindow() throws Exception {
        var v = new ObjectMapper().readTree("""
                {"municipalityCode":"0187","gpcSector":"I.1","carrier":"ELECTRICITY","windowStart":"2026-03-28T23:00:00Z",
                 "energyWh":2500000,"co2eGrams":198000,"measuredWh":2000000,"pendingFactorWh":500,"missingIntervals":3,
                 "worstEdition":null,"revision":7}""");
        String row = SectorTable.row(v);
        assertThat(row).contains("0187", "I.1", "ELECTRICITY", "2026-03-29T00:00+01:00", "2,500.000", "0.198000", "80.0%", "pending")
                .endsWith(" 7");
        assertThat(SectorTable.HEADER).contains("kWh", "t CO2e", "measured");
    }
}
