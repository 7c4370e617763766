package dk.klimaflow.web;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.Edition;
import dk.klimaflow.avro.SectorEmissions;
import java.time.Instant;

/** Builds {@link SectorEmissions} values for tests, with energy split 90/10 measured/estimated and 5% municipal operations. */
final class TestWindows {
    static {
        trustGeneratedClasses();
    }

    private TestWindows() {
    }

    /** Avro 1.12 only instantiates trusted classes; the generated contracts in dk.klimaflow.avro are ours. */
    static void trustGeneratedClasses() {
        dk.klimaflow.registry.AvroTrust.ensure();
    }

    static SectorEmissions window(Granularity g, String municipality, String sector, Carrier carrier, Instant start, long energyWh,
                                  long co2eGrams, Edition edition, long revision) {
        return SectorEmissions.newBuilder()
                .setMunicipalityCode(municipality)
                .setGpcSector(sector)
                .setCarrier(carrier)
                .setWindowStart(start)
                .setWindowEnd(g.next(start))
                .setEnergyWh(energyWh)
                .setCo2eGrams(co2eGrams)
                .setPendingFactorWh(edition == null ? energyWh : 0)
                .setMeasuredWh(energyWh * 9 / 10)
                .setEstimatedWh(energyWh - energyWh * 9 / 10)
                .setMissingIntervals(revision)
                .setMeteringPoints(3)
                .setMunicipalOperationEnergyWh(energyWh / 20)
                .setMunicipalOperationCo2eGrams(co2eGrams / 20)
                .setWorstEdition(edition)
                .setRevision(revision)
                .setCo2eMicrograms(co2eGrams * 1_000_000)
                .setUpdatedAt(Instant.parse("2026-11-02T08:15:00Z"))
                .build();
    }

    static String key(Granularity g, SectorEmissions e) {
        return StoreKeys.key(g, e.getMunicipalityCode(), e.getGpcSector(), e.getCarrier(), e.getWindowStart().toEpochMilli());
    }
}
