package dk.klimaflow.importer;

import dk.klimaflow.avro.ElectricityTimeSeries;
import dk.klimaflow.avro.Point;
import dk.klimaflow.avro.Quality;
import dk.klimaflow.avro.Resolution;
import dk.klimaflow.config.Topics;
import dk.klimaflow.domain.Granularity;
import dk.klimaflow.domain.LocalCalendar;
import dk.klimaflow.simulate.FeedSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects hourly points of one metering point into {@link ElectricityTimeSeries} (PT1H) for
 * {@code energy.electricity.readings}, key = metering point id: a series holds consecutive hours of one local day, so one
 * record carries up to 25 points; a new metering point, a gap, a new day or {@link #flush} starts the next. Memory: one
 * open series. The pipeline versions each quarter-hour, so how points are batched does not change any aggregate.
 */
public final class SeriesBatcher {
    private final FeedSink sink;
    private final ImportTally tally;
    private final String utilityId;
    private final Instant sentAt;
    private String meteringPoint;
    private long start;
    private long dayEnd;
    private final List<Point> points = new ArrayList<>();

    public SeriesBatcher(FeedSink sink, ImportTally tally, String utilityId, Instant sentAt) {
        this.sink = sink;
        this.tally = tally;
        this.utilityId = utilityId;
        this.sentAt = sentAt;
    }

    public void add(String meteringPointId, Instant hourStart, Long wh, Quality quality) {
        long at = hourStart.toEpochMilli();
        if (!meteringPointId.equals(meteringPoint) || at != start + points.size() * LocalCalendar.HOUR_MS || at >= dayEnd) {
            flush();
            meteringPoint = meteringPointId;
            start = at;
            dayEnd = LocalCalendar.window(Granularity.DAY, at).end();
        }
        points.add(new Point(quality == Quality.MISSING ? null : wh, quality));
    }

    public void flush() {
        if (!points.isEmpty()) {
            sink.send(Topics.ELECTRICITY, meteringPoint, new ElectricityTimeSeries(meteringPoint, utilityId, Instant.ofEpochMilli(start),
                    Resolution.PT1H, List.copyOf(points), sentAt));
            tally.imported(1);
            points.clear();
        }
    }
}
