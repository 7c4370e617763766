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
 * the best factor, and sum per window with java.time, every metering point under its latest known master data. It also
 * models the intake ledger as docs/semantics.md states it: readings of a metering point that is not on the topic (never came,
 * or deleted) are parked until it comes (back) or the parking age passes, readings before the correction horizon are
 * TOO_OLD, and quarter-hours that fall before the horizon as the clock advances are closed with what they held. Used by the
 * randomized exactness test as the expected answer.
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

    private final Map<String, MeteringPoint> points = new HashMap<>(); // latest known master data (tombstones not counted)
    private final Set<String> onTopic = new HashSet<>();
    private final List<Object[]> parked = new ArrayList<>(); // {metering point id, reading, parkedAt}
    private final Map<String, Long> ledger = new TreeMap<>();
    private final Map<String, Object[]> closed = new HashMap<>(); // id@start -> {metering point, start, Wh, quality, factor}
    private final long horizonMs;
    private final long parkingMaxAgeMs;
    private long now;
    private final Map<String, Slot> electricity = new HashMap<>();
    private final Map<String, TreeMap<Long, long[]>> heat = new HashMap<>();
    private final Map<String, EmissionFactor> factors = new HashMap<>();
    private final String electricityMethod;
    private final String heatMethod;

    ReferenceAccounts(String electricityMethod, String heatMethod, long now, long horizonMs, long parkingMaxAgeMs) {
        this.electricityMethod = electricityMethod;
        this.heatMethod = heatMethod;
        this.now = now;
        this.horizonMs = horizonMs;
        this.parkingMaxAgeMs = parkingMaxAgeMs;
    }

    void meteringPoint(MeteringPoint mp) {
        points.put(mp.getId(), mp);
        onTopic.add(mp.getId());
        for (Object[] p : new ArrayList<>(parked)) {
            if (p[0].equals(mp.getId())) {
                parked.remove(p);
                count("parked", -1);
                admit(p[1]);
            }
        }
    }

    void tombstone(String id) {
        onTopic.remove(id);
    }

    MeteringPoint latest(String id) {
        return points.get(id);
    }

    /** The wall clock moves to {@code newNow}; {@code punctuates}: the intake's parking expiry runs (a large step). */
    void clock(long newNow, boolean punctuates) {
        long oldCut = now - horizonMs;
        long newCut = newNow - horizonMs;
        if (-Math.floorDiv(-oldCut, Q) * Q < newCut) {
            for (Object[] q : quarters()) {
                long start = (Long) q[1];
                String key = q[0] + "@" + start;
                if (start >= oldCut && start < newCut && !closed.containsKey(key)) {
                    MeteringPoint mp = points.get((String) q[0]);
                    closed.put(key, new Object[] {mp, start, q[2], q[3], factorFor(mp, start)});
                }
            }
        }
        now = newNow;
        if (punctuates) {
            for (Object[] p : new ArrayList<>(parked)) {
                if ((Long) p[2] + parkingMaxAgeMs <= now) {
                    parked.remove(p);
                    count("parked", -1);
                    count("rejected.UNKNOWN_METERING_POINT", 1);
                }
            }
        }
    }

    void garbage() {
        count("in", 1);
        count("rejected.MALFORMED", 1);
    }

    /** A reading arriving: counted in, then TOO_OLD, parked or accepted. */
    void reading(Object r) {
        count("in", 1);
        admit(r);
    }

    private void admit(Object r) {
        String id = r instanceof ElectricityTimeSeries ts ? ts.getMeteringPointId() : ((DistrictHeatingReading) r).getMeterId();
        long start = r instanceof ElectricityTimeSeries ts ? ts.getPeriodStart().toEpochMilli() : ((DistrictHeatingReading) r).getReadAt().toEpochMilli();
        if (start < now - horizonMs) {
            count("rejected.TOO_OLD", 1);
        } else if (!onTopic.contains(id)) {
            parked.add(new Object[] {id, r, now});
            count("parked", 1);
        } else if (r instanceof DistrictHeatingReading d && registerGoesDown(d)) {
            count("rejected.INVALID_VALUE", 1); // a lower register without a meter replacement is never a reset
        } else {
            count("accepted", 1);
            if (r instanceof ElectricityTimeSeries ts) {
                electricity(ts);
            } else {
                heat((DistrictHeatingReading) r);
            }
        }
    }

    private void count(String counter, long n) {
        ledger.merge(counter, n, Long::sum);
    }

    /** The intake ledger: in, accepted, parked and rejected.REASON. */
    Map<String, Long> ledger() {
        Map<String, Long> out = new TreeMap<>(ledger);
        out.values().removeIf(v -> v == 0);
        return out;
    }

    void factor(String key, EmissionFactor f) {
        if (f == null) {
            factors.remove(key);
        } else {
            factors.put(key, f);
        }
    }

    private void electricity(ElectricityTimeSeries ts) {
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

    /**
     * Whether the reading, as it would stand at its instant (the newer of it and a reading already there), is lower than the
     * accepted reading before it or higher than the one after it.
     */
    private boolean registerGoesDown(DistrictHeatingReading r) {
        var readings = heat.getOrDefault(r.getMeterId(), new TreeMap<>());
        long at = r.getReadAt().toEpochMilli();
        long[] old = readings.get(at);
        long self = old != null && old[1] >= r.getSentAt().toEpochMilli() ? old[0] : wh(r);
        var before = readings.lowerEntry(at);
        var after = readings.higherEntry(at);
        return before != null && self < before.getValue()[0] || after != null && after.getValue()[0] < self;
    }

    private static long wh(DistrictHeatingReading r) {
        BigDecimal v = new BigDecimal(Double.toString(r.getEnergyRegister()));
        BigDecimal wh = switch (r.getUnit()) {
            case KWH -> v.multiply(BigDecimal.valueOf(1000));
            case MWH -> v.multiply(BigDecimal.valueOf(1_000_000));
            case GJ -> v.multiply(BigDecimal.valueOf(1_000_000_000)).divide(BigDecimal.valueOf(3600), 0, RoundingMode.HALF_EVEN);
        };
        return wh.setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    private void heat(DistrictHeatingReading r) {
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
            java.util.Set<Long> estimated = new java.util.HashSet<>(); // hours that take energy from a reading gap over 75 minutes
            Long prevAt = null;
            long prevWh = 0;
            for (var e : readings.entrySet()) {
                if (prevAt != null) {
                    long a = prevAt;
                    long b = e.getKey();
                    long d = e.getValue()[0] - prevWh; // never negative: a lower register is rejected at intake
                    for (long h = a - Math.floorMod(a, H); h < b; h += H) {
                        long lo = Math.max(h, a);
                        long hi = Math.min(h + H, b);
                        long part = upTo(d, a, b, hi) - upTo(d, a, b, lo);
                        hours.merge(h, part, Long::sum);
                        if (b - a > 75 * 60_000L && hi > lo) {
                            estimated.add(h);
                        }
                    }
                }
                prevAt = e.getKey();
                prevWh = e.getValue()[0];
            }
            hours.forEach((h, e) -> {
                for (int q = 0; q < 4; q++) {
                    out.add(new Object[] {meter, h + q * Q, e * (q + 1) / 4 - e * q / 4, estimated.contains(h) ? Quality.ESTIMATED : Quality.MEASURED});
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

    /** Expected totals per output key, for each granularity ("HOUR", "DAY", "MONTH", "YEAR"), in one pass. */
    Map<String, Map<String, Totals>> totals() {
        Map<String, Map<String, long[]>> sums = new HashMap<>();
        Map<String, Map<String, Set<String>>> pointsIn = new HashMap<>();
        List<Object[]> all = new ArrayList<>(closed.values());
        for (Object[] q : quarters()) { // live: from the horizon on (a heat spread before it is not counted again)
            if ((Long) q[1] >= now - horizonMs) {
                MeteringPoint mp = points.get((String) q[0]);
                all.add(new Object[] {mp, q[1], q[2], q[3], factorFor(mp, (Long) q[1])});
            }
        }
        Map<Long, String[]> windows = new HashMap<>();
        for (Object[] q : all) {
            MeteringPoint mp = (MeteringPoint) q[0];
            long start = (Long) q[1];
            long wh = (Long) q[2];
            Quality quality = (Quality) q[3];
            EmissionFactor f = (EmissionFactor) q[4];
            long mg = f == null ? 0 : Math.round(f.getGramsCo2ePerKWh() * 1000);
            long ug = wh * mg;
            boolean muni = mp.getMunicipalOperation();
            long[] add = {wh, ug, f == null ? wh : 0, quality == Quality.MEASURED ? wh : 0,
                quality == Quality.ESTIMATED || quality == Quality.CALCULATED ? wh : 0, quality == Quality.MISSING ? 1 : 0,
                muni ? wh : 0, muni ? ug : 0, 0, 0, 0};
            if (f != null) {
                add[8 + f.getEdition().ordinal()] = wh;
            }
            String[] ws = windows.computeIfAbsent(start - Math.floorMod(start, H), ReferenceAccounts::windowStarts);
            String prefix = mp.getMunicipalityCode() + "|" + mp.getGpcSector() + "|" + mp.getCarrier() + "|";
            for (int g = 0; g < GRANULARITIES.length; g++) {
                String key = prefix + ws[g];
                long[] sum = sums.computeIfAbsent(GRANULARITIES[g], k -> new HashMap<>()).computeIfAbsent(key, k -> new long[add.length]);
                for (int i = 0; i < add.length; i++) {
                    sum[i] += add[i];
                }
                pointsIn.computeIfAbsent(GRANULARITIES[g], k -> new HashMap<>()).computeIfAbsent(key, k -> new HashSet<>()).add(mp.getId());
            }
        }
        Map<String, Map<String, Totals>> out = new HashMap<>();
        for (String g : GRANULARITIES) {
            Map<String, Totals> byKey = new HashMap<>();
            sums.getOrDefault(g, Map.of()).forEach((key, t) -> byKey.put(key, new Totals(t[0], t[1], t[2], t[3], t[4], t[5],
                    pointsIn.get(g).get(key), t[6], t[7], new long[] {t[8], t[9], t[10]})));
            out.put(g, byKey);
        }
        return out;
    }

    static final String[] GRANULARITIES = {"HOUR", "DAY", "MONTH", "YEAR"};

    /** The local hour, day, month and year containing the hour starting at {@code hour}, as keys show them. */
    private static String[] windowStarts(long hour) {
        ZonedDateTime local = java.time.Instant.ofEpochMilli(hour).atZone(CPH);
        return new String[] {local.withMinute(0).toOffsetDateTime().toString(), LocalDate.from(local).atStartOfDay(CPH).toOffsetDateTime().toString(),
            LocalDate.from(local).withDayOfMonth(1).atStartOfDay(CPH).toOffsetDateTime().toString(),
            LocalDate.from(local).withDayOfYear(1).atStartOfDay(CPH).toOffsetDateTime().toString()};
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
