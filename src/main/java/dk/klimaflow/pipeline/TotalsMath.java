package dk.klimaflow.pipeline;

import dk.klimaflow.avro.Edition;
import dk.klimaflow.avro.SectorEmissions;
import dk.klimaflow.avro.SectorTotals;
import dk.klimaflow.domain.Co2e;
import java.time.Instant;

/**
 * Additive arithmetic of aggregate changes: summing {@link SectorTotals} deltas, and applying a delta to the published
 * {@link SectorEmissions} of a window (grams rounded once, from exact micrograms; worst edition = least authoritative
 * edition that prices any energy). All sums are exact and overflow-checked.
 */
final class TotalsMath {
    private TotalsMath() {
    }

    static void addInto(SectorTotals acc, SectorTotals d) {
        acc.setEnergyWh(Math.addExact(acc.getEnergyWh(), d.getEnergyWh()));
        acc.setCo2eMicrograms(Math.addExact(acc.getCo2eMicrograms(), d.getCo2eMicrograms()));
        acc.setPendingFactorWh(Math.addExact(acc.getPendingFactorWh(), d.getPendingFactorWh()));
        acc.setMeasuredWh(Math.addExact(acc.getMeasuredWh(), d.getMeasuredWh()));
        acc.setEstimatedWh(Math.addExact(acc.getEstimatedWh(), d.getEstimatedWh()));
        acc.setMissingIntervals(acc.getMissingIntervals() + d.getMissingIntervals());
        acc.setMeteringPoints(acc.getMeteringPoints() + d.getMeteringPoints());
        acc.setMunicipalOperationEnergyWh(Math.addExact(acc.getMunicipalOperationEnergyWh(), d.getMunicipalOperationEnergyWh()));
        acc.setMunicipalOperationCo2eMicrograms(Math.addExact(acc.getMunicipalOperationCo2eMicrograms(), d.getMunicipalOperationCo2eMicrograms()));
        acc.setForecastWh(Math.addExact(acc.getForecastWh(), d.getForecastWh()));
        acc.setActualWh(Math.addExact(acc.getActualWh(), d.getActualWh()));
        acc.setDeclarationWh(Math.addExact(acc.getDeclarationWh(), d.getDeclarationWh()));
        acc.setRestatements(acc.getRestatements() + d.getRestatements());
        acc.setLatestSentAt(Math.max(acc.getLatestSentAt(), d.getLatestSentAt()));
    }

    static boolean isZero(SectorTotals d) {
        return d.getEnergyWh() == 0 && d.getCo2eMicrograms() == 0 && d.getPendingFactorWh() == 0 && d.getMeasuredWh() == 0
                && d.getEstimatedWh() == 0 && d.getMissingIntervals() == 0 && d.getMeteringPoints() == 0
                && d.getMunicipalOperationEnergyWh() == 0 && d.getMunicipalOperationCo2eMicrograms() == 0
                && d.getForecastWh() == 0 && d.getActualWh() == 0 && d.getDeclarationWh() == 0;
    }

    /** Applies {@code d} to {@code s} in place (a fresh copy read from the store) or to a new zero total when {@code s} is null. */
    static SectorEmissions apply(SectorEmissions s, SectorTotals d, long now) {
        SectorEmissions out = s != null ? s : SectorEmissions.newBuilder()
                .setMunicipalityCode(d.getMunicipalityCode()).setGpcSector(d.getGpcSector()).setCarrier(d.getCarrier())
                .setWindowStart(Instant.ofEpochMilli(d.getWindowStart())).setWindowEnd(Instant.ofEpochMilli(d.getWindowEnd()))
                .setEnergyWh(0).setCo2eGrams(0).setPendingFactorWh(0).setMeasuredWh(0).setEstimatedWh(0).setMissingIntervals(0)
                .setMeteringPoints(0).setMunicipalOperationEnergyWh(0).setMunicipalOperationCo2eGrams(0).setRevision(0).build();
        out.setEnergyWh(Math.addExact(out.getEnergyWh(), d.getEnergyWh()));
        out.setCo2eMicrograms(Math.addExact(out.getCo2eMicrograms(), d.getCo2eMicrograms()));
        out.setCo2eGrams(Co2e.gramsFromMicrograms(out.getCo2eMicrograms()));
        out.setPendingFactorWh(Math.addExact(out.getPendingFactorWh(), d.getPendingFactorWh()));
        out.setMeasuredWh(Math.addExact(out.getMeasuredWh(), d.getMeasuredWh()));
        out.setEstimatedWh(Math.addExact(out.getEstimatedWh(), d.getEstimatedWh()));
        out.setMissingIntervals(out.getMissingIntervals() + d.getMissingIntervals());
        out.setMeteringPoints(Math.toIntExact(out.getMeteringPoints() + d.getMeteringPoints()));
        out.setMunicipalOperationEnergyWh(Math.addExact(out.getMunicipalOperationEnergyWh(), d.getMunicipalOperationEnergyWh()));
        out.setMunicipalOperationCo2eMicrograms(Math.addExact(out.getMunicipalOperationCo2eMicrograms(), d.getMunicipalOperationCo2eMicrograms()));
        out.setMunicipalOperationCo2eGrams(Co2e.gramsFromMicrograms(out.getMunicipalOperationCo2eMicrograms()));
        out.setForecastWh(Math.addExact(out.getForecastWh(), d.getForecastWh()));
        out.setActualWh(Math.addExact(out.getActualWh(), d.getActualWh()));
        out.setDeclarationWh(Math.addExact(out.getDeclarationWh(), d.getDeclarationWh()));
        out.setWorstEdition(out.getForecastWh() != 0 ? Edition.FORECAST : out.getActualWh() != 0 ? Edition.ACTUAL
                : out.getDeclarationWh() != 0 ? Edition.DECLARATION : null);
        out.setRestatements(out.getRestatements() + d.getRestatements());
        out.setLatestSentAt(Instant.ofEpochMilli(Math.max(out.getLatestSentAt().toEpochMilli(), d.getLatestSentAt())));
        out.setRevision(out.getRevision() + 1);
        out.setUpdatedAt(Instant.ofEpochMilli(now));
        return out;
    }
}
