package dk.klimaflow.domain;

import dk.klimaflow.avro.DistrictHeatingReading;
import dk.klimaflow.avro.DistrictHeatingSeries;
import dk.klimaflow.avro.HeatRegisterPoint;
import dk.klimaflow.avro.ReasonCode;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link DistrictHeatingSeries} (a heat meter's bulk delivery on energy.district-heating.series) seen as what it stands for:
 * the {@link DistrictHeatingReading}s it carries, each with the series' meter, utility, unit and sentAt
 * ({@link #readings}), so every rule and every count of a single reading applies to each of them unchanged. {@link #check}
 * judges the series whole, as an electricity time series is judged: not empty, at most {@code klimaflow.max.series.points}
 * readings, {@code readAt} strictly ascending, and every reading valid by {@link ReadingRules#check(String,
 * DistrictHeatingReading, long)}; the first failure rejects the series, with the reading's index in the reason.
 */
public final class HeatSeries {
    private HeatSeries() {
    }

    public static List<DistrictHeatingReading> readings(DistrictHeatingSeries s) {
        List<DistrictHeatingReading> out = new ArrayList<>(s.getReadings().size());
        for (HeatRegisterPoint p : s.getReadings()) {
            out.add(new DistrictHeatingReading(s.getMeterId(), s.getUtilityId(), p.getReadAt(), p.getEnergyRegister(), s.getUnit(),
                    p.getVolumeM3(), p.getFlowTempC(), p.getReturnTempC(), s.getSentAt(), p.getEvent()));
        }
        return out;
    }

    public static Rejection check(ReadingRules rules, String key, DistrictHeatingSeries s, long now) {
        int n = s.getReadings().size();
        if (n == 0 || n > rules.maxSeriesPoints()) {
            return Rejection.of(ReasonCode.INVALID_VALUE, "a heat series must carry 1 to " + rules.maxSeriesPoints() + " readings, this one has "
                    + n + " (setting klimaflow.max.series.points)");
        }
        for (int i = 1; i < n; i++) {
            if (s.getReadings().get(i).getReadAt().compareTo(s.getReadings().get(i - 1).getReadAt()) <= 0) {
                return Rejection.of(ReasonCode.INVALID_VALUE, "heat series readings must have strictly ascending readAt: reading " + i
                        + " (" + s.getReadings().get(i).getReadAt() + ") is not after reading " + (i - 1));
            }
        }
        List<DistrictHeatingReading> readings = readings(s);
        for (int i = 0; i < n; i++) {
            Rejection r = rules.check(key, readings.get(i), now);
            if (r != null) {
                return n == 1 ? r : Rejection.of(r.code(), "reading " + i + " of the series: " + r.reason());
            }
        }
        return null;
    }
}
