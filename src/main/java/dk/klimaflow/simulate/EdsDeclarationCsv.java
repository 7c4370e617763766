package dk.klimaflow.simulate;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.Edition;
import dk.klimaflow.avro.EmissionFactor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an Energi Data Service {@code DeclarationGridEmission} CSV export (columns HourDK, PriceArea, FuelAllocationMethod,
 * CO2PerkWh; an HourUTC column is used when present) into hourly {@link EmissionFactor} DECLARATION records for electricity,
 * area = PriceArea, method = FuelAllocationMethod, grams = CO2PerkWh (the CO2 column: CH4 and N2O are not in these exports).
 * HourDK is Danish local time without an offset; the DST fall-back hour appears twice and the two rows can only be told apart
 * by their order: in a file sorted newest first (as EDS exports are) the first of the pair is the later instant (+01:00), in a
 * file sorted oldest first the first is the earlier (+02:00). A local hour that does not exist (spring-forward gap) is an error.
 */
public final class EdsDeclarationCsv {
    public static final String SOURCE = "Energi Data Service DeclarationGridEmission (Energinet, CC BY 4.0)";

    private EdsDeclarationCsv() {
    }

    public static List<EmissionFactor> read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.toString());
        }
    }

    /** Reads the whole CSV from {@code reader}; {@code name} is used in error messages. */
    public static List<EmissionFactor> read(Reader reader, String name) throws IOException {
        List<String[]> rows = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        BufferedReader in = new BufferedReader(reader);
        String header = in.readLine();
        if (header == null) {
            throw new IOException(name + " is empty: expected a header with HourDK,PriceArea,FuelAllocationMethod,CO2PerkWh");
        }
        List<String> columns = Arrays.asList(header.replace("\uFEFF", "").trim().split(","));
        int hourDk = column(columns, "HourDK", name);
        int hourUtc = columns.indexOf("HourUTC");
        int area = column(columns, "PriceArea", name);
        int method = column(columns, "FuelAllocationMethod", name);
        int co2 = column(columns, "CO2PerkWh", name);
        int lineNo = 1;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNo++;
            if (!line.isBlank()) {
                rows.add(line.trim().split(",", -1));
                lineNumbers.add(lineNo);
            }
        }
        boolean newestFirst = rows.size() > 1
                && localHour(rows.get(0)[hourDk], name, lineNumbers.get(0)).isAfter(localHour(rows.get(rows.size() - 1)[hourDk], name, lineNumbers.get(lineNumbers.size() - 1)));
        Map<String, Integer> seen = new HashMap<>();
        List<EmissionFactor> factors = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            int line = lineNumbers.get(i);
            if (row.length < columns.size()) {
                throw new IOException(name + " line " + line + ": expected " + columns.size() + " columns, found " + row.length);
            }
            Instant from = hourUtc >= 0 && !row[hourUtc].isBlank()
                    ? localHour(row[hourUtc], name, line).toInstant(ZoneOffset.UTC)
                    : toInstant(localHour(row[hourDk], name, line), seen, row[area] + "|" + row[method], newestFirst, name, line);
            factors.add(EmissionFactor.newBuilder().setCarrier(Carrier.ELECTRICITY).setArea(row[area]).setMethod(row[method])
                    .setEdition(Edition.DECLARATION).setValidFrom(from).setValidTo(from.plusSeconds(3_600))
                    .setGramsCo2ePerKWh(number(row[co2], name, line)).setSource(SOURCE).build());
        }
        return factors;
    }

    private static Instant toInstant(LocalDateTime local, Map<String, Integer> seen, String series, boolean newestFirst,
            String name, int line) throws IOException {
        List<ZoneOffset> offsets = LoadProfile.ZONE.getRules().getValidOffsets(local);
        if (offsets.isEmpty()) {
            throw new IOException(name + " line " + line + ": HourDK " + local + " does not exist in Europe/Copenhagen (DST gap)");
        }
        if (offsets.size() == 1) {
            return local.toInstant(offsets.get(0));
        }
        // offsets are ordered earlier offset first: +02:00 (summer time, the earlier instant), then +01:00
        int occurrence = seen.merge(series + "|" + local, 1, Integer::sum);
        if (occurrence > 2) {
            throw new IOException(name + " line " + line + ": HourDK " + local + " appears more than twice for " + series);
        }
        boolean earlierInstant = newestFirst ? occurrence == 2 : occurrence == 1;
        return local.toInstant(earlierInstant ? offsets.get(0) : offsets.get(1));
    }

    private static int column(List<String> columns, String wanted, String name) throws IOException {
        int index = columns.indexOf(wanted);
        if (index < 0) {
            throw new IOException(name + ": header has no column " + wanted + " (found " + columns + ")");
        }
        return index;
    }

    private static LocalDateTime localHour(String text, String name, int line) throws IOException {
        try {
            return LocalDateTime.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IOException(name + " line " + line + ": '" + text + "' is not a local date-time like 2023-10-29T02:00:00");
        }
    }

    private static double number(String text, String name, int line) throws IOException {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IOException(name + " line " + line + ": CO2PerkWh '" + text + "' is not a number");
        }
    }
}
