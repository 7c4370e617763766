package dk.klimaflow.simulate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Published figures the simulated register is calibrated to, read from the bundled resource {@value #RESOURCE} (with its
 * source quoted there and in {@code PROVENANCE.md} next to it): Vallensbaek Kommune's green account for its own buildings,
 * 2,806 MWh electricity and 9,994 MWh heat in {@link #MUNICIPAL_YEAR}.
 */
final class PublishedFigures {
    static final String RESOURCE = "published_figures.properties";
    static final double MUNICIPAL_ELECTRICITY_MWH;
    static final double MUNICIPAL_HEAT_MWH;
    static final int MUNICIPAL_YEAR;

    static {
        Properties p = new Properties();
        try (InputStream in = PublishedFigures.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the klimaflow jar: rebuild it");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
        MUNICIPAL_ELECTRICITY_MWH = Double.parseDouble(p.getProperty("municipal.electricity.mwh"));
        MUNICIPAL_HEAT_MWH = Double.parseDouble(p.getProperty("municipal.heat.mwh"));
        MUNICIPAL_YEAR = Integer.parseInt(p.getProperty("municipal.year"));
    }

    private PublishedFigures() {
    }
}
