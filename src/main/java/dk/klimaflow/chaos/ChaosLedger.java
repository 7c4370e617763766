package dk.klimaflow.chaos;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.MeteringPoint;
import dk.klimaflow.bench.ExpectedTotals;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;

/**
 * What the chaos load has produced, and the aggregates that must follow from it, recomputed independently of the pipeline.
 * Input: the metering points (electricity points and heat meters, by index), the days the electricity series cover, the first
 * heat reading time, the ACTUAL electricity factor per instant (mg CO2e/kWh), and every record the load reports as sent: the
 * latest version per (electricity point, day), the number of register readings per heat meter, factor revisions
 * (DECLARATION, mg/kWh per hour), records that must be rejected (MALFORMED) and readings of unknown metering points (parked).
 * Output: the ledger counts and {@link #expected}: Wh and CO2e micrograms per (municipality, sector, carrier, window) of
 * each granularity (hour, local day, month, year),
 * with plain exact integer arithmetic: a series counts with its latest version only; a heat reading adds the register delta
 * to the hour before it; each quarter-hour is priced at the hour's DECLARATION if one was sent, else its ACTUAL.
 */
public final class ChaosLedger {
    static final long HOUR = 3_600_000L;
    static final long QUARTER = 900_000L;
    /** The district-heating DECLARATION the workload publishes ({@link dk.klimaflow.simulate.FactorFeed#heatDeclaration}), in mg/kWh. */
    static final long HEAT_MG_PER_KWH = Math.round(dk.klimaflow.simulate.FactorFeed.HEAT_DECLARATION_G_PER_KWH * 1_000);

    private final List<MeteringPoint> electricity;
    private final List<MeteringPoint> heat;
    private final List<Long> days;
    private final long heatStart;
    private final LongUnaryOperator actualMg;
    private final int[] versions;
    private final int[] heatReadings;
    private final Map<Long, Long> declarationMg = new HashMap<>();
    private long electricityRecords;
    private long heatRecords;
    private long malformed;
    private long unknown;

    public ChaosLedger(List<MeteringPoint> points, List<Long> days, long heatStart, LongUnaryOperator actualMg) {
        this.electricity = points.stream().filter(p -> p.getCarrier() == Carrier.ELECTRICITY).toList();
        this.heat = points.stream().filter(p -> p.getCarrier() == Carrier.DISTRICT_HEATING).toList();
        this.days = List.copyOf(days);
        this.heatStart = heatStart;
        this.actualMg = actualMg;
        this.versions = new int[electricity.size() * days.size()];
        Arrays.fill(versions, -1);
        this.heatReadings = new int[heat.size()];
    }

    public List<MeteringPoint> electricityPoints() { return electricity; }

    public List<MeteringPoint> heatMeters() { return heat; }

    public List<Long> days() { return days; }

    public long heatStart() { return heatStart; }

    /** Wh of quarter-hour {@code j} of version {@code v} of the series of point {@code i} on day index {@code d}: 1..400. */
    static long quantityWh(int i, int d, int v, int j) {
        long x = i * 0x9E3779B97F4A7C15L + d * 0xC2B2AE3D27D4EB4FL + v * 0x165667B19E3779F9L + j * 0xD6E8FEB86659FD93L;
        x ^= x >>> 31;
        x *= 0xBF58476D1CE4E5B9L;
        x ^= x >>> 29;
        return 1 + Math.floorMod(x, 400L);
    }

    /** kWh added to the register of heat meter {@code m} by its reading {@code j} (j >= 1): 1..40. */
    static long heatDeltaKwh(int m, int j) {
        return 1 + Math.floorMod(quantityWh(-m - 1, 7, 0, j), 40L);
    }

    /** The register of heat meter {@code m} at its reading {@code j}, in kWh. */
    static long registerKwh(int m, int j) {
        long r = 1_000 + m;
        for (int t = 1; t <= j; t++) {
            r += heatDeltaKwh(m, t);
        }
        return r;
    }

    synchronized void electricitySent(int i, int d, int version) {
        versions[i * days.size() + d] = Math.max(versions[i * days.size() + d], version);
        electricityRecords++;
    }

    synchronized void heatSent(int m) {
        heatReadings[m]++;
        heatRecords++;
    }

    synchronized void malformedSent() { malformed++; }

    synchronized void unknownSent() { unknown++; }

    synchronized void declarationSent(long hourStart, long mgPerKWh) { declarationMg.put(hourStart, mgPerKWh); }

    /** Records on the reading topics so far. */
    public synchronized long records() { return electricityRecords + heatRecords + malformed + unknown; }

    public synchronized long accepted() { return electricityRecords + heatRecords; }

    public synchronized long malformed() { return malformed; }

    public synchronized long parked() { return unknown; }

    synchronized long mgPerKWh(long instant) {
        long hour = Math.floorDiv(instant, HOUR) * HOUR;
        Long declared = declarationMg.get(hour);
        return declared != null ? declared : actualMg.applyAsLong(hour);
    }

    /** The daily aggregates. */
    public ExpectedTotals expected() {
        return expected(ExpectedTotals.Grain.DAY);
    }

    /** The aggregates every committed total of {@code grain} must equal, recomputed from the ledger. */
    public synchronized ExpectedTotals expected(ExpectedTotals.Grain grain) {
        ExpectedTotals out = new ExpectedTotals(grain);
        for (int i = 0; i < electricity.size(); i++) {
            MeteringPoint mp = electricity.get(i);
            for (int d = 0; d < days.size(); d++) {
                int v = versions[i * days.size() + d];
                if (v < 0) {
                    continue;
                }
                for (int first = 0; first < 96; first += 4) { // an hour's sum lies in one window of every grain, DST or not
                    long wh = 0;
                    long ug = 0;
                    for (int j = first; j < first + 4; j++) {
                        long q = quantityWh(i, d, v, j);
                        wh = Math.addExact(wh, q);
                        ug = Math.addExact(ug, Math.multiplyExact(q, mgPerKWh(days.get(d) + j * QUARTER)));
                    }
                    out.addSum(mp.getMunicipalityCode(), mp.getGpcSector(), "ELECTRICITY", days.get(d) + first * QUARTER, wh, ug);
                }
            }
        }
        for (int m = 0; m < heat.size(); m++) {
            MeteringPoint mp = heat.get(m);
            for (int j = 1; j < heatReadings[m]; j++) {
                long hourStart = heatStart + (j - 1) * HOUR;
                out.add(mp.getMunicipalityCode(), mp.getGpcSector(), "DISTRICT_HEATING", hourStart, heatDeltaKwh(m, j) * 1_000, HEAT_MG_PER_KWH);
            }
        }
        return out;
    }
}
