package dk.klimaflow.importer;

import dk.klimaflow.avro.Quality;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;

/**
 * Rows of an Eloverblik "Hent data" CSV export (UTF-8 with BOM, {@code ;}, decimal comma, columns Målepunkt id, Fra dato,
 * Til dato, Mængde, Måleenhed, Kvalitet, Type) to hourly points for a {@link SeriesBatcher}. Times are Danish local
 * "YYYY-MM-DD HH.MM"; the file is oldest first, so of the two autumn 02.00 rows the first is the earlier hour (+02:00).
 * Bad rows: Type "Måling" (a meter-reading period total, e.g. a quarter: importing it as well would count the energy twice),
 * a period that is not one hour, a unit other than KWH, a quantity with more than three decimals, a negative quantity, an
 * unknown quality, a metering point id that is not 18 digits.
 */
public final class EloverblikCsvReadings implements FileImport.Handler {
    private final SeriesBatcher batcher;
    private final LocalHours hours = new LocalHours();

    public EloverblikCsvReadings(SeriesBatcher batcher) {
        this.batcher = batcher;
    }

    @Override
    public void row(Row row) throws BadRow {
        String id = row.get("Målepunkt id");
        if (!id.matches("\\d{18}")) {
            throw new BadRow("Målepunkt id '" + id + "' is not an 18-digit GSRN");
        }
        String type = row.optional("Type");
        if (type != null && !type.equalsIgnoreCase("Tidsserier")) {
            throw new BadRow("Type '" + type + "' is a meter-reading period total, not an hourly time series: not imported (the hourly rows carry the same energy)");
        }
        String unit = row.get("Måleenhed");
        if (!unit.equalsIgnoreCase("KWH")) {
            throw new BadRow("Måleenhed '" + unit + "' is not KWH");
        }
        LocalDateTime fromLocal = LocalHours.parse(row.get("Fra dato"));
        LocalDateTime toLocal = LocalHours.parse(row.get("Til dato"));
        Instant from = hours.resolve(fromLocal, id, false);
        long minutes = Duration.between(fromLocal, toLocal).toMinutes();
        if (minutes != 60) { // local clock minutes: the autumn 02.00-03.00 rows and the spring 01.00-02.00 row are 60 too
            throw new BadRow("period " + row.get("Fra dato") + " - " + row.get("Til dato") + " is not one hour");
        }
        if (from.toEpochMilli() % 3_600_000L != 0) {
            throw new BadRow("Fra dato " + row.get("Fra dato") + " is not on a whole hour");
        }
        Quality quality = QualityCodes.of(row.get("Kvalitet"));
        Long wh = null;
        if (quality != Quality.MISSING) {
            BigDecimal kwh = Decimals.parse(row.get("Mængde"), "Mængde");
            if (kwh.signum() < 0) {
                throw new BadRow("Mængde " + kwh + " kWh is negative");
            }
            if (kwh.stripTrailingZeros().scale() > 3) {
                throw new BadRow("Mængde " + row.get("Mængde") + " has more than three decimals (Wh is the smallest unit)");
            }
            wh = Decimals.kwhToWh(kwh);
        }
        batcher.add(id, from, wh, quality);
    }

    @Override
    public void end() {
        batcher.flush();
    }
}
