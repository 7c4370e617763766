package dk.klimaflow.pipeline;

import dk.klimaflow.avro.DistrictHeatingReading;
import dk.klimaflow.avro.Edition;
import dk.klimaflow.avro.ElectricityTimeSeries;
import dk.klimaflow.avro.EmissionFactor;
import dk.klimaflow.avro.MeteringPoint;
import dk.klimaflow.avro.Quality;
import dk.klimaflow.avro.Resolution;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A plain recomputation of the accounts from the input, written apart from the pipeline (no pipeline or domain classes):
 * keep the latest version of every quarter-hour and heat reading, spread heat registers over hours, price each quarter with
 * the best factor, and sum per window with java.time. Used by the randomized exactness test as the expected answer.
 */
final class ReferenceAccounts {
    private static final ZoneId CPH = ZoneId.of("Europe/Copenhagen");
    private static final long Q = 900_000L;
    private static final long H = 3_600_000L;

    record Slot(long wh, Quality quality, long sentAt) {
    }

    record Totals(long energyWh, long micrograms, long pendingWh, long measuredWh, long estimatedWh, long missing,
                  Set<String> points, long municipalWh, long municipalMicrograms, long[] editionWh) {
    }

    private final Map<String, MeteringPoint> points = new HashMap<>();
    private final Map<String, Slot> electricity = new HashMap<>();
    private final Map<String, TreeMap<Long, long[]>> heat = new HashMap<>();
    private final Map<String, EmissionFactor> factors = new HashMap<>();
    private final String electricityMethod;
    private final String heatMethod;

    ReferenceAccounts(String electricityMethod, String heatMethod) {
        this.electricityMethod = electricityMethod;
        this.heatMethod = heatMethod;
    }

    void meteringPoint(MeteringPoint mp) {
        points.put(mp.getId(), mp);
    }

    void factor(String key, EmissionFactor f) {
        if (f == null) {
            factors.remove(key);
        } else {
            factors.put(key, f);
        }
    }

    void electricity(ElectricityTimeSeries ts) {
        long step = ts.getResolution() == Resolution.PT15M ? Q : H;
        int n = (int) (step / Q);
        for (int i = 0; i < ts.getPoints().size(); i++) {
            Long e = ts.getPoints().get(i).getQuantityWh();
            for (int q = 0; q < n; q++) {
                long wh = e == null ? 0 : e * (q + 1) / n - e * q / n;
                long start = ts.getPeriodStart().toEpochMilli() + i * step + q * Q;
                String key = ts.getMeteringPointId() + "@" + start;
                Slot old = electricity.get(key);
                if (old == null || old.sentAt() < ts.getSentAt().toEpochMilli()) {
                    electricity.put(key, new Slot(wh, ts.getPoints().get(i).getQuality(), ts.getSentAt().toEpochMilli()));
                }
            }
        }
    }

    void heat(DistrictHeatingReading r) {
        BigDecimal v = new BigDecimal(Double.toString(r.getEnergyRegister()));
        BigDecimal wh = switch (r.getUnit()) {
            case KWH -> v.multiply(BigDecimal.valueOf(1000));
            case MWH -> v.multiply(BigDecimal.valueOf(1_000_000));
            case GJ -> v.multiply(BigDecimal.valueOf(1_000_000_000)).divide(BigDecimal.valueOf(3600), 0, RoundingMode.HALF_EVEN);
        };
        var readings = heat.computeIfAbsent(r.getMeterId(), m -> new TreeMap<>());
        long[] old = readings.get(r.getReadAt().toEpochMilli());
        if (old == null || old[1] < r.getSentAt().toEpochMilli()) {
            readings.put(r.getReadAt().toEpochMilli(), new long[] {wh.setScale(0, RoundingMode.HALF_EVEN).longValueExact(), r.getSentAt().toEpochMilli()});
        }
    }

    /** Every present quarter-hour: metering point id, start, Wh, quality. */
    private List<Object[]> quarters() {
        List<Object[]> out = new ArrayList<>();
        electricity.forEach((k, s) -> out.add(new Object[] {k.substring(0, k.indexOf('@')), Long.parseLong(k.substring(k.indexOf('@') + 1)), s.wh(), s.quality()}));
        heat.forEach((meter, readings) -> {
            Map<Long, Long> hours = new TreeMap<>();
            Long prevAt = null;
            long prevWh = 0;
            for (var e : readings.entrySet()) {
                if (prevAt != null) {
                    long a = prevAt;
                    long b = e.getKey();
                    long d = e.getValue()[0] >= prevWh ? e.getValue()[0] - prevWh : e.getValue()[0];
                    for (long h = a - Math.floorMod(a, H); h < b; h += H) {
                        long lo = Math.max(h, a);
                        long hi = Math.min(h + H, b);
                        long part = upTo(d, a, b, hi) - upTo(d, a, b, lo);
                        hours.merge(h, part, Long::sum);
                    }
                }
                prevAt = e.getKey();
                prevWh = e.getValue()[0];
            }
            hours.forEach((h, e) -> {
                for (int q = 0; q < 4; q++) {
                    out.add(new Object[] {meter, h + q * Q, e * (q + 1) / 4 - e * q / 4, Quality.MEASURED});
                }
            });
        });
        return out;
    }

    private static long upTo(long d, long a, long b, long x) {
        return BigInteger.valueOf(d).multiply(BigInteger.valueOf(x - a)).divide(BigInteger.valueOf(b - a)).longValueExact();
    }

    private EmissionFactor factorFor(MeteringPoint mp, long t) {
        String area = mp.getPriceArea() != null ? mp.getPriceArea().toString() : mp.getSupplyAreaId();
        String method = mp.getCarrier() == dk.klimaflow.avro.Carrier.ELECTRICITY ? electricityMethod : heatMethod;
        EmissionFactor best = null;
        for (EmissionFactor f : factors.values()) {
            if (f.getCarrier() == mp.getCarrier() && f.getArea().equals(area) && f.getMethod().equals(method)
                    && f.getValidFrom().toEpochMilli() <= t && t < f.getValidTo().toEpochMilli()
                    && (best == null || f.getEdition().ordinal() > best.getEdition().ordinal()
                        || f.getEdition() == best.getEdition() && f.getValidFrom().isAfter(best.getValidFrom()))) {
                best = f;
            }
        }
        return best;
    }

    /** Expected totals per output key, for one granularity ("HOUR", "DAY", "MONTH", "YEAR"). */
    Map<String, Totals> totals(String granularity) {
        Map<String, Totals> out = new HashMap<>();
        for (Object[] q : quarters()) {
            MeteringPoint mp = points.get((String) q[0]);
            long start = (Long) q[1];
            long wh = (Long) q[2];
            Quality quality = (Quality) q[3];
            ZonedDateTime local = java.time.Instant.ofEpochMilli(start).atZone(CPH);
            ZonedDateTime ws = switch (granularity) {
                case "HOUR" -> local.withMinute(0);
                case "DAY" -> LocalDate.from(local).atStartOfDay(CPH);
                case "MONTH" -> LocalDate.from(local).withDayOfMonth(1).atStartOfDay(CPH);
                default -> LocalDate.from(local).withDayOfYear(1).atStartOfDay(CPH);
            };
            String key = mp.getMunicipalityCode() + "|" + mp.getGpcSector() + "|" + mp.getCarrier() + "|" + ws.toOffsetDateTime();
            Totals t = out.computeIfAbsent(key, k -> new Totals(0, 0, 0, 0, 0, 0, new HashSet<>(), 0, 0, new long[3]));
            EmissionFactor f = factorFor(mp, start);
            long mg = f == null ? 0 : Math.round(f.getGramsCo2ePerKWh() * 1000);
            long ug = wh * mg;
            long[] editions = t.editionWh().clone();
            if (f != null) {
                editions[f.getEdition().ordinal()] += wh;
            }
            boolean muni = mp.getMunicipalOperation();
            t.points().add(mp.getId());
            out.put(key, new Totals(t.energyWh() + wh, t.micrograms() + ug, t.pendingWh() + (f == null ? wh : 0),
                    t.measuredWh() + (quality == Quality.MEASURED ? wh : 0),
                    t.estimatedWh() + (quality == Quality.ESTIMATED || quality == Quality.CALCULATED ? wh : 0),
                    t.missing() + (quality == Quality.MISSING ? 1 : 0), t.points(), t.municipalWh() + (muni ? wh : 0),
                    t.municipalMicrograms() + (muni ? ug : 0), editions));
        }
        return out;
    }

    static Edition worst(long[] editionWh) {
        for (Edition e : Edition.values()) {
            if (editionWh[e.ordinal()] != 0) {
                return e;
            }
        }
        return null;
    }
}
