package dk.klimaflow.simulate;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.Edition;
import dk.klimaflow.avro.EmissionFactor;
import dk.klimaflow.importer.EdsDeclarationCsv;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The real DK2 electricity factors the simulator uses where they cover the simulated hour: Energi Data Service's hourly
 * declaration (125%, CO2 only), from the bundled resource {@value #RESOURCE} (a DK2 subset of the public sample, see
 * {@code PROVENANCE.md} next to it), read once, on first use, with the importer's {@link EdsDeclarationCsv} (so a factor here
 * is exactly what {@code klimaflow import factors} sends for that hour, key included); hours after the sample's newest one
 * are answered without loading it. Output: the DECLARATION
 * {@link EmissionFactor} of a UTC hour, or empty outside 2022-01-01 .. 2024-01-11 (local).
 */
final class RealElectricityFactors {
    static final String RESOURCE = "DeclarationEmissionHour_DK2.csv";

    private RealElectricityFactors() {
    }

    /** The published declaration of the UTC hour starting at {@code hour} (truncated to the hour), if the sample covers it. */
    static Optional<EmissionFactor> declaration(Instant hour) {
        Instant from = hour.truncatedTo(ChronoUnit.HOURS);
        if (from.toEpochMilli() > Newest.HOUR) {
            return Optional.empty();
        }
        int i = Arrays.binarySearch(Loaded.HOURS, from.toEpochMilli());
        if (i < 0) {
            return Optional.empty();
        }
        return Optional.of(EmissionFactor.newBuilder().setCarrier(Carrier.ELECTRICITY).setArea(FactorFeed.ELECTRICITY_AREA)
                .setMethod(FactorFeed.ELECTRICITY_METHOD).setEdition(Edition.DECLARATION).setValidFrom(from)
                .setValidTo(from.plusSeconds(3_600)).setGramsCo2ePerKWh(Loaded.GRAMS[i]).setSource(Loaded.SOURCE)
                .setGases(Loaded.GASES).build());
    }

    /** How many hours the sample covers. */
    static int hours() {
        return Loaded.HOURS.length;
    }

    /**
     * The newest hour of the sample (its first data row: EDS serves newest first; the later offset if local time repeats), read
     * from the first two lines only, so a run in hours after the sample (the live demo) never loads the whole file.
     */
    private static final class Newest {
        static final long HOUR;

        static {
            try (InputStream in = RealElectricityFactors.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + RESOURCE + " is missing from the klimaflow jar: rebuild it");
                }
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                lines.readLine();
                String first = lines.readLine();
                HOUR = LocalDateTime.parse(first.substring(0, first.indexOf(','))).atZone(LoadProfile.ZONE).withLaterOffsetAtOverlap()
                        .toInstant().toEpochMilli();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the bundled factor sample " + RESOURCE + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Loaded on first use (holder idiom), so runs that never ask pay nothing; kept as sorted hour starts and grams (about
     * 280 KB), the factors rebuilt on demand exactly as the importer read them.
     */
    private static final class Loaded {
        static final long[] HOURS;
        static final double[] GRAMS;
        static final String SOURCE;
        static final dk.klimaflow.avro.FactorGases GASES;

        static {
            TreeMap<Long, EmissionFactor> byHour = new TreeMap<>();
            try (InputStream in = RealElectricityFactors.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + RESOURCE + " is missing from the klimaflow jar: rebuild it");
                }
                for (EmissionFactor f : EdsDeclarationCsv.read(new InputStreamReader(in, StandardCharsets.UTF_8), RESOURCE)) {
                    if (f.getArea().equals(FactorFeed.ELECTRICITY_AREA) && f.getMethod().equals(FactorFeed.ELECTRICITY_METHOD)) {
                        byHour.put(f.getValidFrom().toEpochMilli(), f);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the bundled factor sample " + RESOURCE + ": " + e.getMessage(), e);
            }
            HOURS = byHour.keySet().stream().mapToLong(Long::longValue).toArray();
            GRAMS = byHour.values().stream().mapToDouble(EmissionFactor::getGramsCo2ePerKWh).toArray();
            Set<String> sources = byHour.values().stream().map(EmissionFactor::getSource).collect(Collectors.toSet());
            if (sources.size() != 1) {
                throw new IllegalStateException(RESOURCE + " should have one source for all rows, has " + sources);
            }
            SOURCE = sources.iterator().next();
            GASES = byHour.firstEntry().getValue().getGases(); // the importer's reading of the extract: CO2 only
        }
    }
}
