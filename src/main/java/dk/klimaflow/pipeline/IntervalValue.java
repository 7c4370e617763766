package dk.klimaflow.pipeline;

import dk.klimaflow.avro.ElectricityTimeSeries;
import dk.klimaflow.avro.MeteringPoint;
import dk.klimaflow.avro.Point;
import dk.klimaflow.avro.Quality;
import dk.klimaflow.domain.LocalCalendar;
import dk.klimaflow.domain.ReadingRules;
import java.util.ArrayList;
import java.util.List;

/**
 * One version of the energy of a metering point over an interval of {@code quarters} quarter-hours starting at
 * {@code start}, passed in memory from intake (electricity points) and heat-register spreading to the version store.
 * {@code energyWh} is null only for MISSING. {@code authoritative} values are derived by the pipeline and always replace.
 */
record IntervalValue(MeteringPoint meteringPoint, long start, int quarters, Long energyWh, Quality quality, long sentAt,
                     boolean authoritative) {

    /** The points of a validated electricity time series of metering point {@code mp}, one value per point, as sent. */
    static List<IntervalValue> ofSeries(MeteringPoint mp, ElectricityTimeSeries ts) {
        long step = ReadingRules.resolutionMs(ts.getResolution());
        int quarters = (int) (step / LocalCalendar.QUARTER_MS);
        long start = ts.getPeriodStart().toEpochMilli();
        long sentAt = ts.getSentAt().toEpochMilli();
        List<IntervalValue> values = new ArrayList<>(ts.getPoints().size());
        for (int i = 0; i < ts.getPoints().size(); i++) {
            Point p = ts.getPoints().get(i);
            values.add(new IntervalValue(mp, start + i * step, quarters, p.getQuantityWh(), p.getQuality(), sentAt, false));
        }
        return values;
    }
}
