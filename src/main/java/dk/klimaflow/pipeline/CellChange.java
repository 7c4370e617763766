package dk.klimaflow.pipeline;

import dk.klimaflow.avro.Edition;
import dk.klimaflow.domain.Co2e;
import dk.klimaflow.domain.FactorTable;

/**
 * The change of one quarter of an {@link HourCell}: energy added at the applied factor, or a factor re-pricing the energy
 * already there. Expressed as the additive parts of a {@link WindowDelta}: CO2e in micrograms, pending energy and
 * energy per factor edition.
 */
record CellChange(long energyWh, long co2eMicrograms, long pendingWh, long municipalWh, long municipalCo2eMicrograms,
                  long[] editionWh, boolean restates) {

    static void price(HourCell cell, int q, FactorTable.Applied applied) {
        cell.milligrams[q] = applied == null ? HourCell.NONE : applied.milligramsPerKWh();
        cell.edition[q] = applied == null ? -1 : (byte) applied.edition().ordinal();
    }

    /** Energy {@code wh} (of which {@code municipalWh} municipal) added to quarter q at its current factor. */
    static CellChange energy(HourCell cell, int q, long wh, long municipalWh) {
        long[] editions = new long[3];
        if (cell.milligrams[q] == HourCell.NONE) {
            return new CellChange(wh, 0, wh, municipalWh, 0, editions, false);
        }
        editions[cell.edition[q]] = wh;
        return new CellChange(wh, Co2e.micrograms(wh, cell.milligrams[q]), 0, municipalWh,
                Co2e.micrograms(municipalWh, cell.milligrams[q]), editions, false);
    }

    /** Moves quarter q to the factor {@code applied} (null: none); null when nothing changes. */
    static CellChange reprice(HourCell cell, int q, FactorTable.Applied applied) {
        long newMg = applied == null ? HourCell.NONE : applied.milligramsPerKWh();
        byte newEdition = applied == null ? -1 : (byte) applied.edition().ordinal();
        if (newMg == cell.milligrams[q] && newEdition == cell.edition[q]) {
            return null;
        }
        long wh = cell.wh[q];
        long muni = cell.municipalWh[q];
        CellChange before = energy(cell, q, wh, muni);
        price(cell, q, applied);
        CellChange after = energy(cell, q, wh, muni);
        long[] editions = new long[3];
        for (int e = 0; e < 3; e++) {
            editions[e] = after.editionWh[e] - before.editionWh[e];
        }
        boolean restates = before.pendingWh == 0 && wh != 0;
        return new CellChange(0, after.co2eMicrograms - before.co2eMicrograms, after.pendingWh - before.pendingWh, 0,
                after.municipalCo2eMicrograms - before.municipalCo2eMicrograms, editions, restates);
    }

    WindowDelta toDelta(long measuredWh, long estimatedWh, long missing, boolean restatement, long sentAt) {
        WindowDelta d = new WindowDelta();
        d.energyWh = energyWh;
        d.co2eMicrograms = co2eMicrograms;
        d.pendingFactorWh = pendingWh;
        d.measuredWh = measuredWh;
        d.estimatedWh = estimatedWh;
        d.missingIntervals = missing;
        d.municipalWh = municipalWh;
        d.municipalCo2eMicrograms = municipalCo2eMicrograms;
        d.forecastWh = editionWh[Edition.FORECAST.ordinal()];
        d.actualWh = editionWh[Edition.ACTUAL.ordinal()];
        d.declarationWh = editionWh[Edition.DECLARATION.ordinal()];
        d.restatements = restatement ? 1 : 0;
        d.latestSentAt = sentAt;
        return d;
    }
}
