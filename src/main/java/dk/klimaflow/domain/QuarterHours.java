package dk.klimaflow.domain;

/**
 * Splits the energy of an interval over its quarter-hours, the pipeline's version grid (the Danish settlement unit since
 * 2025-10-01): quarter q of n gets floor(E(q+1)/n) - floor(Eq/n), so the quarters add up exactly to E and the split is the
 * same every time. PT1H points and hourly heat energy are stored as four quarters; a later PT15M version then supersedes just
 * its quarter.
 */
public final class QuarterHours {
    private QuarterHours() {
    }

    public static long share(long energyWh, int quarter, int quarters) {
        return Math.floorDiv(energyWh * (quarter + 1), quarters) - Math.floorDiv(energyWh * quarter, quarters);
    }
}
