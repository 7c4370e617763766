package dk.klimaflow.web;

import java.util.List;

/**
 * The DK2020 path of a municipality: the configured 1990 baseline ({@code klimaflow.dk2020.baseline.1990.tonnes}), a straight
 * line to the 2030 target (-70%) and on to net zero in 2050; the path's value for a year, the part of it due by now, and the
 * year-to-date CO2e of the sectors the pipeline receives with a linear projection to the year's end. Output of
 * {@code /api/dk2020}; the note says plainly what the comparison covers.
 */
public record Dk2020(boolean configured, double baseline1990Tonnes, double target2030Tonnes, double target2050Tonnes, int year,
                     double pathTonnes, double yearElapsed, double pathToDateTonnes, double ytdTonnes, Double projectedTonnes,
                     List<Point> path, String note) {

    /** One point of the path: a year and its annual emissions in tonnes CO2e. */
    public record Point(int year, double tonnes) {
    }

    static final String NOTE = "Covers only the sectors this pipeline receives (grid electricity and district heating of the "
            + "registered metering points). The 1990 baseline and the DK2020 targets cover all of the municipality's emissions, "
            + "transport included, so read this as the trend of these sectors, not as the municipality's total.";

    public static Dk2020 of(double baselineTonnes, int year, double ytdTonnes, double yearElapsed) {
        double path = pathFor(baselineTonnes, year);
        Double projected = yearElapsed >= 0.01 ? ytdTonnes / yearElapsed : null;
        String note = baselineTonnes > 0 ? NOTE
                : "No 1990 baseline configured: set klimaflow.dk2020.baseline.1990.tonnes (tonnes CO2e). " + NOTE;
        List<Point> points = List.of(new Point(1990, baselineTonnes), new Point(2030, pathFor(baselineTonnes, 2030)),
                new Point(2050, 0));
        return new Dk2020(baselineTonnes > 0, baselineTonnes, 0.3 * baselineTonnes, 0, year, path, yearElapsed,
                path * yearElapsed, ytdTonnes, projected, points, note);
    }

    /** The path's annual emissions for {@code year}: baseline until 1990, linear to 30% in 2030, linear to 0 in 2050. */
    public static double pathFor(double baseline, int year) {
        if (year <= 1990) {
            return baseline;
        }
        if (year <= 2030) {
            return baseline * (1 - 0.7 * (year - 1990) / 40.0);
        }
        if (year <= 2050) {
            return baseline * 0.3 * (2050 - year) / 20.0;
        }
        return 0;
    }
}
