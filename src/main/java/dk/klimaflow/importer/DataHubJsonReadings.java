package dk.klimaflow.importer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.klimaflow.avro.ElectricityTimeSeries;
import dk.klimaflow.avro.Point;
import dk.klimaflow.avro.Quality;
import dk.klimaflow.avro.Resolution;
import dk.klimaflow.config.Topics;
import dk.klimaflow.simulate.FeedSink;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * DataHub / Eloverblik time-series JSON ({@code MyEnergyData_MarketDocument} -> {@code TimeSeries} (metering point in
 * {@code MarketEvaluationPoint.mRID.name}, unit {@code measurement_Unit.name}) -> {@code Period} {resolution, timeInterval}
 * -> {@code Point} {position, out_Quantity.quantity, out_Quantity.quality}) to {@link ElectricityTimeSeries}, one per Period,
 * key = metering point id. Streams one TimeSeries at a time. Each Period is one row of the tally (line = where the
 * TimeSeries starts); a Period is a bad row when its resolution is not PT15M or PT1H (daily and monthly sums would double
 * count), its unit is not KWH, a position lies outside the interval, a quantity is negative or a quality unknown. Positions
 * the document leaves out are sent as MISSING points. sentAt: the document's {@code createdDateTime}, unless given.
 */
public final class DataHubJsonReadings {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FeedSink sink;
    private final ImportTally tally;
    private final String utilityId;
    private final Instant sentAtOverride;
    private final Instant sentAtDefault;

    public DataHubJsonReadings(FeedSink sink, ImportTally tally, String utilityId, Instant sentAtOverride, Instant sentAtDefault) {
        this.sink = sink;
        this.tally = tally;
        this.utilityId = utilityId;
        this.sentAtOverride = sentAtOverride;
        this.sentAtDefault = sentAtDefault;
    }

    public void importFile(Path file, ImportProgress progress) throws IOException {
        String name = file.getFileName().toString();
        Instant created = null;
        long periods = 0;
        try (LineReader.CountingStream in = new LineReader.CountingStream(Files.newInputStream(file));
             JsonParser parser = JSON.getFactory().createParser(in)) {
            for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
                if (t == JsonToken.VALUE_STRING && "createdDateTime".equals(parser.currentName())) {
                    try {
                        created = LocalHours.utc(parser.getText());
                    } catch (BadRow e) {
                        created = null;
                    }
                } else if (t == JsonToken.START_ARRAY && "TimeSeries".equals(parser.currentName())) {
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        long line = parser.currentLocation().getLineNr();
                        JsonNode series = JSON.readTree(parser);
                        Instant sentAt = sentAtOverride != null ? sentAtOverride : created != null ? created : sentAtDefault;
                        for (JsonNode period : series.path("Period")) {
                            tally.rowRead();
                            periods++;
                            try {
                                sink.send(Topics.ELECTRICITY, id(series), series(series, period, sentAt));
                                tally.imported(1);
                            } catch (BadRow e) {
                                tally.reject(name, line, e.getMessage());
                            }
                        }
                        progress.update(in.count, periods);
                    }
                }
            }
            progress.done(in.count, periods);
        }
        sink.flush();
    }

    private static String id(JsonNode series) throws BadRow {
        String id = series.path("MarketEvaluationPoint").path("mRID").path("name").asText(series.path("mRID").asText(""));
        if (!id.matches("\\d{18}")) {
            throw new BadRow("metering point '" + id + "' is not an 18-digit GSRN");
        }
        return id;
    }

    private ElectricityTimeSeries series(JsonNode series, JsonNode period, Instant sentAt) throws BadRow {
        String id = id(series);
        String unit = series.path("measurement_Unit.name").asText("KWH");
        if (!unit.equalsIgnoreCase("KWH")) {
            throw new BadRow("unit '" + unit + "' is not KWH");
        }
        String res = period.path("resolution").asText();
        Resolution resolution = switch (res) {
            case "PT1H" -> Resolution.PT1H;
            case "PT15M" -> Resolution.PT15M;
            default -> throw new BadRow("resolution '" + res + "' is not PT15M or PT1H (daily and monthly sums are not imported)");
        };
        long step = resolution == Resolution.PT1H ? 3_600_000L : 900_000L;
        Instant start = LocalHours.utc(period.path("timeInterval").path("start").asText());
        Instant end = LocalHours.utc(period.path("timeInterval").path("end").asText());
        int count = (int) ((end.toEpochMilli() - start.toEpochMilli()) / step);
        if (count <= 0 || count > 100 * 24 * 4) {
            throw new BadRow("timeInterval " + start + " - " + end + " holds no whole " + res + " interval");
        }
        List<Point> points = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            points.add(new Point(null, Quality.MISSING));
        }
        for (JsonNode p : period.path("Point")) {
            int position = p.path("position").asInt(-1);
            if (position < 1 || position > count) {
                throw new BadRow("position " + p.path("position").asText() + " lies outside the period's " + count + " intervals");
            }
            Quality quality = QualityCodes.of(p.path("out_Quantity.quality").asText("A04"));
            Long wh = null;
            if (quality != Quality.MISSING) {
                BigDecimal kwh = Decimals.parse(p.path("out_Quantity.quantity").asText(), "out_Quantity.quantity");
                if (kwh.signum() < 0) {
                    throw new BadRow("position " + position + " has a negative quantity " + kwh + " kWh");
                }
                wh = Decimals.kwhToWh(kwh);
            }
            points.set(position - 1, new Point(wh, quality));
        }
        return new ElectricityTimeSeries(id, utilityId, start, resolution, points, sentAt);
    }
}
