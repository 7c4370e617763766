package dk.klimaflow.pipeline;

/**
 * An additive change to one aggregate window (the value on the aggregate-deltas topic; the window itself is in the key
 * GRAN|municipality|sector|carrier|windowStart): energy, exact CO2e in micrograms, pending energy, the quality buckets,
 * metering points appearing for the first time, the municipal-operations share, energy per factor edition, restatements and
 * the latest sentAt behind it, and, kept apart from all of these, the energy of production (E18), exchange (E20) and child
 * (D) metering points, which is never priced. Mutable so that one input's changes are summed without allocation; sums are overflow-checked.
 * Written by {@link WindowDeltaSerde}.
 */
final class WindowDelta {
    long energyWh;
    long co2eMicrograms;
    long pendingFactorWh;
    long measuredWh;
    long estimatedWh;
    long missingIntervals;
    long meteringPoints;
    long municipalWh;
    long municipalCo2eMicrograms;
    long forecastWh;
    long actualWh;
    long declarationWh;
    long restatements;
    long latestSentAt;
    long productionWh;
    long exchangeWh;
    long childWh;

    WindowDelta copy() {
        WindowDelta d = new WindowDelta();
        d.addAll(this);
        return d;
    }

    void addAll(WindowDelta d) {
        energyWh = Math.addExact(energyWh, d.energyWh);
        co2eMicrograms = Math.addExact(co2eMicrograms, d.co2eMicrograms);
        pendingFactorWh = Math.addExact(pendingFactorWh, d.pendingFactorWh);
        measuredWh = Math.addExact(measuredWh, d.measuredWh);
        estimatedWh = Math.addExact(estimatedWh, d.estimatedWh);
        missingIntervals = Math.addExact(missingIntervals, d.missingIntervals);
        meteringPoints = Math.addExact(meteringPoints, d.meteringPoints);
        municipalWh = Math.addExact(municipalWh, d.municipalWh);
        municipalCo2eMicrograms = Math.addExact(municipalCo2eMicrograms, d.municipalCo2eMicrograms);
        forecastWh = Math.addExact(forecastWh, d.forecastWh);
        actualWh = Math.addExact(actualWh, d.actualWh);
        declarationWh = Math.addExact(declarationWh, d.declarationWh);
        restatements = Math.addExact(restatements, d.restatements);
        latestSentAt = Math.max(latestSentAt, d.latestSentAt);
        productionWh = Math.addExact(productionWh, d.productionWh);
        exchangeWh = Math.addExact(exchangeWh, d.exchangeWh);
        childWh = Math.addExact(childWh, d.childWh);
    }

    /** True when adding this changes no published figure (restatements and sentAt alone do not make an update). */
    boolean isZero() {
        return energyWh == 0 && co2eMicrograms == 0 && pendingFactorWh == 0 && measuredWh == 0 && estimatedWh == 0
                && missingIntervals == 0 && meteringPoints == 0 && municipalWh == 0 && municipalCo2eMicrograms == 0
                && forecastWh == 0 && actualWh == 0 && declarationWh == 0 && productionWh == 0 && exchangeWh == 0 && childWh == 0;
    }

    long[] fields() {
        return new long[] {energyWh, co2eMicrograms, pendingFactorWh, measuredWh, estimatedWh, missingIntervals, meteringPoints,
                municipalWh, municipalCo2eMicrograms, forecastWh, actualWh, declarationWh, restatements, latestSentAt,
                productionWh, exchangeWh, childWh};
    }

    static WindowDelta ofFields(long[] f) {
        WindowDelta d = new WindowDelta();
        d.energyWh = f[0];
        d.co2eMicrograms = f[1];
        d.pendingFactorWh = f[2];
        d.measuredWh = f[3];
        d.estimatedWh = f[4];
        d.missingIntervals = f[5];
        d.meteringPoints = f[6];
        d.municipalWh = f[7];
        d.municipalCo2eMicrograms = f[8];
        d.forecastWh = f[9];
        d.actualWh = f[10];
        d.declarationWh = f[11];
        d.restatements = f[12];
        d.latestSentAt = f[13];
        d.productionWh = f[14];
        d.exchangeWh = f[15];
        d.childWh = f[16];
        return d;
    }

    /**
     * The change a non-consumption metering point's slot makes: its energy in the bucket of its type (E18 production, E20
     * exchange, else child), nothing priced, no completeness or metering-point count (those describe consumption).
     */
    static WindowDelta keptApart(dk.klimaflow.avro.MeteringPointType type, long wh, boolean restates, long sentAt) {
        WindowDelta d = new WindowDelta();
        switch (type) {
            case E18 -> d.productionWh = wh;
            case E20 -> d.exchangeWh = wh;
            default -> d.childWh = wh;
        }
        d.restatements = restates ? 1 : 0;
        d.latestSentAt = sentAt;
        return d;
    }

    @Override
    public String toString() {
        return "WindowDelta" + java.util.Arrays.toString(fields());
    }
}
