package dk.klimaflow.importer;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.MeteringPoint;
import dk.klimaflow.avro.MeteringPointType;
import dk.klimaflow.avro.PriceArea;
import dk.klimaflow.config.Topics;
import dk.klimaflow.domain.MeteringPointTypes;
import dk.klimaflow.domain.MasterDataRules;
import dk.klimaflow.domain.Rejection;
import dk.klimaflow.simulate.FeedSink;
import java.util.Locale;

/**
 * The metering-point register as CSV to {@link MeteringPoint}s on {@code energy.metering-points}, key = id. Columns
 * ({@code ,} or {@code ;}): id, carrier (ELECTRICITY or DISTRICT_HEATING), utilityId (the owner allowed to send its readings),
 * municipalityCode, gpcSector (I.1 .. II.2), municipalOperation (true/false, ja/nej, 1/0), priceArea (DK1/DK2, electricity),
 * supplyAreaId (district heating), and optional type (DataHub's metering-point type): E17 consumption (or empty), E18
 * production, E20 exchange, D01..D99 child points ({@link MeteringPointTypes#parse}; the exact D-code is kept in
 * {@code typeCode}). The pipeline prices only E17 and keeps the others apart, so a rooftop PV point never counts as
 * consumption; any other type is a bad row. Each row is checked with the pipeline's own
 * {@link MasterDataRules#check(MeteringPoint)}.
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
        String code = row.optional("type");
        MeteringPointType type = MeteringPointTypes.parse(code);
        if (type == null) {
            throw new BadRow("type '" + code + "' is not a DataHub metering-point type: E17 consumption, E18 production, E20 exchange or a child point D01..D99");
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
                row.get("gpcSector"), flag(row.get("municipalOperation")), area, row.optional("supplyAreaId"), type,
                type == MeteringPointType.D ? code.trim().toUpperCase(Locale.ROOT) : null);
        Rejection problem = MasterDataRules.check(mp);
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
