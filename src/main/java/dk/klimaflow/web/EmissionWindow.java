package dk.klimaflow.web;

import dk.klimaflow.avro.SectorEmissions;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * One aggregate window as the API shows it: the {@link SectorEmissions} value of the {@code sector-emissions} store (or of an
 * aggregate topic) with its granularity and times as ISO-8601 in Copenhagen time ({@code 2026-11-01T00:00:00+01:00}), and
 * every completeness field: measured, estimated, pending-factor energy, missing quarter-hours, worst factor edition, revision.
 * The same JSON carries windows between instances, so it can be read back.
 */
public record EmissionWindow(
        String municipalityCode,
        String gpcSector,
        String carrier,
        String granularity,
        String windowStart,
        String windowEnd,
        long energyWh,
        long co2eGrams,
        long pendingFactorWh,
        long measuredWh,
        long estimatedWh,
        long missingIntervals,
        int meteringPoints,
        long municipalOperationEnergyWh,
        long municipalOperationCo2eGrams,
        String worstEdition,
        long revision,
        String updatedAt) {

    public static EmissionWindow of(Granularity granularity, SectorEmissions e) {
        return new EmissionWindow(
                e.getMunicipalityCode(),
                e.getGpcSector(),
                e.getCarrier().name(),
                granularity.lower(),
                time(e.getWindowStart()),
                time(e.getWindowEnd()),
                e.getEnergyWh(),
                e.getCo2eGrams(),
                e.getPendingFactorWh(),
                e.getMeasuredWh(),
                e.getEstimatedWh(),
                e.getMissingIntervals(),
                e.getMeteringPoints(),
                e.getMunicipalOperationEnergyWh(),
                e.getMunicipalOperationCo2eGrams(),
                e.getWorstEdition() == null ? null : e.getWorstEdition().name(),
                e.getRevision(),
                e.getUpdatedAt() == null || e.getUpdatedAt().toEpochMilli() == 0 ? null : time(e.getUpdatedAt()));
    }

    static String time(Instant t) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atZone(Granularity.ZONE).toOffsetDateTime());
    }

    /** The store key of this window, for de-duplicating answers merged from several instances. */
    public String key() {
        return Granularity.parse(granularity).name() + "|" + municipalityCode + "|" + gpcSector + "|" + carrier + "|"
                + StoreKeys.window(windowStartMillis());
    }

    public long windowStartMillis() {
        return java.time.OffsetDateTime.parse(windowStart).toInstant().toEpochMilli();
    }
}
