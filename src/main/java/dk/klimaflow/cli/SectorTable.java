package dk.klimaflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dk.klimaflow.domain.LocalCalendar;
import java.time.Instant;
import java.util.Locale;

/**
 * The readable table of {@code tail --table} for the aggregate topics (value {@code SectorEmissions} decoded to JSON): one
 * row per update with sector, carrier, local window start, kWh, t CO2e and completeness (share measured, missing quarter-hours,
 * energy pending a factor, worst factor edition) and the revision.
 */
final class SectorTable {
    static final String HEADER = String.format(Locale.ROOT, "%-5s %-5s %-16s %-25s %14s %12s %9s %8s %12s %-11s %6s",
            "muni", "gpc", "carrier", "window (local)", "kWh", "t CO2e", "measured", "missing", "pending kWh", "edition", "rev");

    private SectorTable() {
    }

    static String row(JsonNode v) {
        long energy = v.path("energyWh").asLong();
        double measuredShare = energy == 0 ? 0 : 100.0 * v.path("measuredWh").asLong() / energy;
        JsonNode edition = v.path("worstEdition");
        return String.format(Locale.ROOT, "%-5s %-5s %-16s %-25s %,14.3f %,12.6f %8.1f%% %8d %,12.3f %-11s %6d",
                v.path("municipalityCode").asText(), v.path("gpcSector").asText(), v.path("carrier").asText(),
                LocalCalendar.isoLocal(instant(v.path("windowStart"))), energy / 1000.0, v.path("co2eGrams").asLong() / 1_000_000.0,
                measuredShare, v.path("missingIntervals").asLong(), v.path("pendingFactorWh").asLong() / 1000.0,
                edition.isNull() || edition.isMissingNode() ? "pending" : edition.asText(), v.path("revision").asLong());
    }

    private static long instant(JsonNode n) {
        return n.isNumber() ? n.asLong() : Instant.parse(n.asText()).toEpochMilli();
    }
}
