package dk.klimaflow.pipeline;

import dk.klimaflow.avro.Edition;
import dk.klimaflow.avro.SectorEmissions;
import dk.klimaflow.avro.Carrier;
import dk.klimaflow.domain.Granularity;
import dk.klimaflow.domain.LocalCalendar;
import dk.klimaflow.domain.Co2e;
import java.time.Instant;

/**
 * Applying an additive {@link WindowDelta} to the published
 * {@link SectorEmissions} of a window (grams rounded once, from exact micrograms; worst edition = least authoritative
 * edition that prices any energy; production, exchange and child energy in their own fields, never in energy or CO2e). All sums are exact and overflow-checked.
 */
final class TotalsMath {
    private TotalsMath() {
    }

    /** Applies {@code d} to {@code s} in place (a fresh copy read from the store) or to a new zero total when {@code s} is null. */
    static SectorEmissions apply(SectorEmissions s, String windowKey, WindowDelta d, long now) {
        SectorEmissions out = s != null ? s : zero(windowKey);
        out.setEnergyWh(Math.addExact(out.getEnergyWh(), d.energyWh));
        out.setCo2eMicrograms(Math.addExact(out.getCo2eMicrograms(), d.co2eMicrograms));
        out.setCo2eGrams(Co2e.gramsFromMicrograms(out.getCo2eMicrograms()));
        out.setPendingFactorWh(Math.addExact(out.getPendingFactorWh(), d.pendingFactorWh));
        out.setMeasuredWh(Math.addExact(out.getMeasuredWh(), d.measuredWh));
        out.setEstimatedWh(Math.addExact(out.getEstimatedWh(), d.estimatedWh));
        out.setMissingIntervals(Math.addExact(out.getMissingIntervals(), d.missingIntervals));
        out.setMeteringPoints(Math.toIntExact(out.getMeteringPoints() + d.meteringPoints));
        out.setMunicipalOperationEnergyWh(Math.addExact(out.getMunicipalOperationEnergyWh(), d.municipalWh));
        out.setMunicipalOperationCo2eMicrograms(Math.addExact(out.getMunicipalOperationCo2eMicrograms(), d.municipalCo2eMicrograms));
        out.setMunicipalOperationCo2eGrams(Co2e.gramsFromMicrograms(out.getMunicipalOperationCo2eMicrograms()));
        out.setForecastWh(Math.addExact(out.getForecastWh(), d.forecastWh));
        out.setActualWh(Math.addExact(out.getActualWh(), d.actualWh));
        out.setDeclarationWh(Math.addExact(out.getDeclarationWh(), d.declarationWh));
        out.setWorstEdition(out.getForecastWh() != 0 ? Edition.FORECAST : out.getActualWh() != 0 ? Edition.ACTUAL
                : out.getDeclarationWh() != 0 ? Edition.DECLARATION : null);
        out.setProductionWh(Math.addExact(out.getProductionWh(), d.productionWh));
        out.setExchangeWh(Math.addExact(out.getExchangeWh(), d.exchangeWh));
        out.setChildWh(Math.addExact(out.getChildWh(), d.childWh));
        out.setRestatements(out.getRestatements() + d.restatements);
        out.setLatestSentAt(Instant.ofEpochMilli(Math.max(out.getLatestSentAt().toEpochMilli(), d.latestSentAt)));
        out.setRevision(out.getRevision() + 1);
        out.setUpdatedAt(Instant.ofEpochMilli(now));
        return out;
    }

    /** The empty total of the window named by {@code windowKey} (GRAN|municipality|sector|carrier|windowStart). */
    static SectorEmissions zero(String windowKey) {
        String[] k = windowKey.split("\\|", -1);
        if (k.length != 5) {
            throw new IllegalArgumentException("aggregate window key '" + windowKey + "' is not GRAN|municipality|sector|carrier|windowStart");
        }
        LocalCalendar.Window w = LocalCalendar.window(Granularity.valueOf(k[0]), Long.parseLong(k[4]));
        return SectorEmissions.newBuilder()
                .setMunicipalityCode(k[1]).setGpcSector(k[2]).setCarrier(Carrier.valueOf(k[3]))
                .setWindowStart(Instant.ofEpochMilli(w.start())).setWindowEnd(Instant.ofEpochMilli(w.end()))
                .setEnergyWh(0).setCo2eGrams(0).setPendingFactorWh(0).setMeasuredWh(0).setEstimatedWh(0).setMissingIntervals(0)
                .setMeteringPoints(0).setMunicipalOperationEnergyWh(0).setMunicipalOperationCo2eGrams(0).setRevision(0).build();
    }
}
