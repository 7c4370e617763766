package dk.klimaflow.importer;

import dk.klimaflow.avro.EmissionFactor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole Energi Data Service declaration CSV ({@code DeclarationGridEmission} / {@code DeclarationEmissionHour}: HourDK or
 * HourUTC, PriceArea, FuelAllocationMethod, CO2PerkWh[, CH4PerkWh, N2OPerkWh]) read into a list of DECLARATION factors with
 * {@link DeclarationFactors}, strictly: the first bad row fails the read with its line (for callers that want all or nothing,
 * such as the simulator and tests; {@code klimaflow import factors} streams the same rows and skips bad ones instead).
 * Moved here from the simulator; the row rules are those of the importer.
 */
public final class EdsDeclarationCsv {
    private EdsDeclarationCsv() {
    }

    public static List<EmissionFactor> read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(new LineReader(in), file.toString());
        }
    }

    /** Reads the whole CSV from {@code reader}; {@code name} is used in error messages. */
    public static List<EmissionFactor> read(Reader reader, String name) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] buf = new char[8192];
        for (int n = reader.read(buf); n > 0; n = reader.read(buf)) {
            text.append(buf, 0, n);
        }
        return read(new LineReader(new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8))), name);
    }

    private static List<EmissionFactor> read(LineReader lines, String name) throws IOException {
        String header = lines.next();
        if (header == null) {
            throw new IOException(name + " is empty: expected a header with HourDK,PriceArea,FuelAllocationMethod,CO2PerkWh");
        }
        Csv csv = Csv.fromHeader(header);
        for (String required : List.of("PriceArea", "FuelAllocationMethod", "CO2PerkWh")) {
            if (!csv.header().contains(required)) {
                throw new IOException(name + ": header has no column " + required + " (found " + csv.header() + ")");
            }
        }
        List<EmissionFactor> factors = new ArrayList<>();
        FactorSink out = new FactorSink() {
            @Override
            public void factor(EmissionFactor f) {
                factors.add(f);
            }

            @Override
            public void flag(Row row, String reason) {
            }
        };
        DeclarationFactors rows = new DeclarationFactors("DeclarationGridEmission", null, GwpSet.AR5);
        for (String text = lines.next(); text != null; text = lines.next()) {
            if (text.isBlank()) {
                continue;
            }
            try {
                rows.row(csv.row(name, lines.lineNumber(), text), out);
            } catch (BadRow e) {
                throw new IOException(name + " line " + lines.lineNumber() + ": " + e.getMessage());
            }
        }
        return factors;
    }
}
