package dk.klimaflow.importer;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.MeteringPoint;
import dk.klimaflow.avro.PriceArea;
import dk.klimaflow.config.Topics;
import dk.klimaflow.domain.ReadingRules;
import dk.klimaflow.domain.Rejection;
import dk.klimaflow.simulate.FeedSink;
import java.util.Locale;

/**
 * The metering-point register as CSV to {@link MeteringPoint}s on {@code energy.metering-points}, key = id. Columns
 * ({@code ,} or {@code ;}): id, carrier (ELECTRICITY or DISTRICT_HEATING), utilityId (the owner allowed to send its readings),
 * municipalityCode, gpcSector (I.1 .. II.2), municipalOperation (true/false, ja/nej, 1/0), priceArea (DK1/DK2, electricity),
 * supplyAreaId (district heating), and optional type (DataHub's metering-point type). Only consumption is imported: type
 * E17 (or empty); E18 production, E20 exchange and child points (D-types) are bad rows, because the published
 * {@code MeteringPoint} cannot yet mark them and the pipeline would add them to consumption (a rooftop PV point must never
 * count as consumption). Each row is checked with the pipeline's own {@link ReadingRules#check(MeteringPoint)}.
 */
public final class MeteringPointRows implements FileImport.Handler {
    private final FeedSink sink;
    private final ImportTally tally;

    public MeteringPointRows(FeedSink sink, ImportTally tally) {
        this.sink = sink;
        this.tally = tally;
    }

    @Override
    public void row(Row row) throws BadRow {
        String type = row.optional("type");
        if (type != null && !type.equalsIgnoreCase("E17")) {
            throw new BadRow("type " + type + " is not consumption (E17): production (E18), exchange (E20) and child points are not imported until the schema can keep them apart from consumption");
        }
        Carrier carrier;
        try {
            carrier = Carrier.valueOf(row.get("carrier").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRow("carrier '" + row.get("carrier") + "' is not ELECTRICITY or DISTRICT_HEATING");
        }
        PriceArea area = null;
        if (row.optional("priceArea") != null) {
            try {
                area = PriceArea.valueOf(row.get("priceArea").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadRow("priceArea '" + row.get("priceArea") + "' is not DK1 or DK2");
            }
        }
        MeteringPoint mp = new MeteringPoint(row.get("id"), carrier, row.get("utilityId"), row.get("municipalityCode"),
                row.get("gpcSector"), flag(row.get("municipalOperation")), area, row.optional("supplyAreaId"));
        Rejection problem = ReadingRules.check(mp);
        if (problem != null) {
            throw new BadRow(problem.reason());
        }
        sink.send(Topics.METERING_POINTS, mp.getId(), mp);
        tally.imported(1);
    }

    private static boolean flag(String text) throws BadRow {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "ja", "yes", "1" -> true;
            case "false", "nej", "no", "0" -> false;
            default -> throw new BadRow("municipalOperation '" + text + "' is not true/false");
        };
    }
}
