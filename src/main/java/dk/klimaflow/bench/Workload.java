package dk.klimaflow.bench;

import dk.klimaflow.avro.DistrictHeatingReading;
import dk.klimaflow.avro.DistrictHeatingSeries;
import dk.klimaflow.avro.HeatRegisterPoint;
import dk.klimaflow.avro.Edition;
import dk.klimaflow.avro.ElectricityTimeSeries;
import dk.klimaflow.avro.EmissionFactor;
import dk.klimaflow.avro.EnergyUnit;
import dk.klimaflow.avro.HeatReadingEvent;
import dk.klimaflow.avro.MeteringPoint;
import dk.klimaflow.avro.Point;
import dk.klimaflow.avro.Quality;
import dk.klimaflow.avro.Resolution;
import dk.klimaflow.simulate.FactorFeed;
import dk.klimaflow.simulate.VallensbaekRegister;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bench's synthetic utility data. Input: the number of metering points and (per run) of interval readings, and "now".
 * Output: master data ({@link #meteringPoints()}, a {@link BenchRegister}: electricity and district-heating points in the
 * demo register's proportion, spread over five municipalities and the demo's sectors, owned by the demo's utilities, plus the
 * latency phase's own points in municipality {@link BenchRegister#LATENCY_MUNICIPALITY}), emission factors ({@link #factors}: hourly DK2 ACTUAL electricity factors and
 * annual district-heating DECLARATIONs, from the simulator's {@link FactorFeed}), and per run ({@link #generate}) day-long
 * PT15M {@link ElectricityTimeSeries} (96 points, one per point and local day, on the most recent whole 96-quarter days before
 * today, so nothing is TOO_OLD or in the future) and hourly district-heating registers (integer kWh) in the demo's proportion
 * of readings, one {@link DistrictHeatingReading} each or a meter's day of them per {@link DistrictHeatingSeries}, adding each interval's exact energy and CO2e to an {@link ExpectedTotals} as it goes.
 */
public final class Workload {
    static final long HOUR = 3_600_000L;
    static final long QUARTER = 900_000L;
    static final long HEAT_MG_PER_KWH = Math.round(dk.klimaflow.simulate.FactorFeed.HEAT_DECLARATION_G_PER_KWH * 1_000);

    /** Where generated readings go. */
    public interface Sink {
        void electricity(ElectricityTimeSeries series);

        void heat(DistrictHeatingReading reading);

        void heatSeries(DistrictHeatingSeries series);
    }

    /** Heat readings per series when delivered as series: a meter's day of hourly registers, as a heat-meter system exports it. */
    static final int HEAT_SERIES_LENGTH = 24;

    /** The readings of one run: {@code series} day-long series and {@code heatPerMeter} register readings per used heat meter. */
    public record Plan(long series, List<Long> days, int heatMeters, int heatPerMeter) {
        public long readings() {
            return series * 96 + (long) heatMeters * heatPerMeter;
        }

        public long oldest() {
            return days.get(days.size() - 1);
        }
    }

    private final int electricityPoints;
    private final int heatPoints;
    private final int latencyPoints;
    private final double heatReadingShare;
    private final long now;
    private final FactorFeed factorFeed = new FactorFeed(20_261_130L);
    private final Map<Long, Long> electricityMg = new HashMap<>();

    public Workload(int meteringPoints, int latencyPoints, long now) {
        VallensbaekRegister demo = VallensbaekRegister.generate(1);
        int e = demo.electricity().size();
        int h = demo.districtHeating().size();
        this.heatPoints = Math.max(1, (int) Math.round(meteringPoints * (double) h / (e + h)));
        this.electricityPoints = Math.max(1, meteringPoints - heatPoints);
        this.heatReadingShare = h / (4.0 * e + h); // the demo: electricity every quarter-hour, heat registers every hour
        this.latencyPoints = latencyPoints;
        this.now = now;
    }

    public int electricityPoints() { return electricityPoints; }

    public int heatPoints() { return heatPoints; }

    public int latencyPoints() { return latencyPoints; }

    /** The master data: every metering point of the {@link BenchRegister}. */
    public List<MeteringPoint> meteringPoints() {
        return BenchRegister.meteringPoints(electricityPoints, heatPoints, latencyPoints);
    }

    /** The readings of a run of about {@code readings} interval readings. */
    public Plan plan(long readings) {
        long heatTarget = Math.round(readings * heatReadingShare);
        long series = Math.max(1, Math.round((readings - heatTarget) / 96.0));
        int dayCount = (int) ((series + electricityPoints - 1) / electricityPoints);
        List<Long> days = new ArrayList<>();
        java.time.LocalDate d = Instant.ofEpochMilli(now).atZone(ExpectedTotals.ZONE).toLocalDate().minusDays(1);
        while (days.size() < dayCount) {
            long start = d.atStartOfDay(ExpectedTotals.ZONE).toInstant().toEpochMilli();
            long end = d.plusDays(1).atStartOfDay(ExpectedTotals.ZONE).toInstant().toEpochMilli();
            if (end - start == 96 * QUARTER) {
                days.add(start);
            }
            d = d.minusDays(1);
        }
        long oldest = days.get(days.size() - 1);
        int hoursAvailable = (int) Math.min(Integer.MAX_VALUE, (now - oldest) / HOUR);
        int perMeter = (int) Math.min(hoursAvailable, Math.max(2, heatTarget / heatPoints));
        int meters = (int) Math.min(heatPoints, heatTarget / perMeter);
        return new Plan(series, days, meters, perMeter);
    }

    /** Emission factors covering [from, to): DK2 ACTUAL per UTC hour and a district-heating DECLARATION per local year. */
    public List<EmissionFactor> factors(long from, long to) {
        List<EmissionFactor> out = new ArrayList<>();
        for (long h = Math.floorDiv(from, HOUR) * HOUR; h < to; h += HOUR) {
            out.add(factorFeed.electricity(Instant.ofEpochMilli(h), Edition.ACTUAL));
        }
        int firstYear = Instant.ofEpochMilli(from).atZone(ExpectedTotals.ZONE).getYear();
        int lastYear = Instant.ofEpochMilli(to).atZone(ExpectedTotals.ZONE).getYear();
        for (int y = firstYear; y <= lastYear; y++) {
            out.add(factorFeed.heatDeclaration(y));
        }
        return out;
    }

    /** The factor of the DK2 hour containing {@code instant} in integer mg CO2e/kWh (grams x 1000, rounded half up). */
    public synchronized long electricityMg(long instant) {
        long hour = Math.floorDiv(instant, HOUR) * HOUR;
        return electricityMg.computeIfAbsent(hour, h -> new BigDecimal(Double.toString(
                factorFeed.electricityGrams(Instant.ofEpochMilli(h), Edition.ACTUAL))).movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValueExact());
    }

    static long quantityWh(long a, long b) {
        long x = a * 0x9E3779B97F4A7C15L + b * 0xC2B2AE3D27D4EB4FL;
        x ^= x >>> 31;
        x *= 0xBF58476D1CE4E5B9L;
        x ^= x >>> 29;
        return 1 + Math.floorMod(x, 400L);
    }

    /**
     * Generates the readings of {@code plan} into {@code sink} and their exact totals into {@code expected} (hourly cells, to
     * be regrained for the longer windows); heat readings one record each, or ({@code heatSeries}) {@link #HEAT_SERIES_LENGTH}
     * consecutive readings of a meter per series.
     */
    public void generate(Plan plan, Sink sink, ExpectedTotals expected, boolean heatSeries, java.util.function.LongConsumer progress) {
        Instant sentAt = Instant.ofEpochMilli(now);
        long done = 0;
        for (long s = 0; s < plan.series(); s++) {
            int i = (int) (s % electricityPoints);
            long day = plan.days().get((int) (s / electricityPoints));
            List<Point> points = new ArrayList<>(96);
            long wh = 0;
            long ug = 0;
            for (int j = 0; j < 96; j++) {
                long q = quantityWh(s, j);
                points.add(new Point(q, Quality.MEASURED));
                wh += q;
                ug = Math.addExact(ug, Math.multiplyExact(q, electricityMg(day + j * QUARTER)));
                if (j % 4 == 3) { // an hour's sum
                    expected.addSum(BenchRegister.municipality(i), BenchRegister.sectorOfElectricity(i), "ELECTRICITY", day + (j - 3) * QUARTER, wh, ug);
                    wh = 0;
                    ug = 0;
                }
            }
            sink.electricity(new ElectricityTimeSeries(BenchRegister.electricityId(i), VallensbaekRegister.GRID_COMPANY, Instant.ofEpochMilli(day),
                    Resolution.PT15M, points, sentAt));
            done += 96;
            progress.accept(done);
        }
        for (int k = 0; k < plan.heatMeters(); k++) {
            long registerKwh = 1_000 + k % 9_973;
            String municipality = BenchRegister.municipality(k);
            List<HeatRegisterPoint> series = new ArrayList<>(HEAT_SERIES_LENGTH);
            for (int j = 0; j < plan.heatPerMeter(); j++) {
                long readAt = plan.oldest() + j * HOUR;
                if (j > 0) {
                    long kwh = quantityWh(-k - 1, j) / 10 + 1;
                    registerKwh += kwh;
                    expected.add(municipality, BenchRegister.sectorOfHeat(k), "DISTRICT_HEATING", readAt - HOUR, kwh * 1_000, HEAT_MG_PER_KWH);
                }
                if (heatSeries) {
                    series.add(new HeatRegisterPoint(Instant.ofEpochMilli(readAt), (double) registerKwh, null, null, null, HeatReadingEvent.READING));
                    if (series.size() == HEAT_SERIES_LENGTH || j == plan.heatPerMeter() - 1) {
                        sink.heatSeries(new DistrictHeatingSeries(BenchRegister.heatId(k), VallensbaekRegister.HEAT_COMPANY, EnergyUnit.KWH, series, sentAt));
                        series = new ArrayList<>(HEAT_SERIES_LENGTH);
                    }
                } else {
                    sink.heat(new DistrictHeatingReading(BenchRegister.heatId(k), VallensbaekRegister.HEAT_COMPANY, Instant.ofEpochMilli(readAt),
                            (double) registerKwh, EnergyUnit.KWH, null, null, null, sentAt, HeatReadingEvent.READING));
                }
                progress.accept(++done);
            }
        }
    }
}
