package dk.klimaflow.bench;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bench's independent reference: energy in Wh and CO2e in micrograms per (municipality, GPC sector, carrier, local day
 * in Europe/Copenhagen), accumulated while the workload is generated, with plain exact integer arithmetic (overflow throws).
 * Input: {@link #add} calls with an interval's Wh, the factor in mg CO2e/kWh and the interval's start; 1 Wh at 1 mg/kWh is
 * 1 microgram, so an interval adds exactly {@code Wh x mg/kWh} micrograms. Output: {@link #cells()}, and {@link #compare}
 * which lists every cell whose observed aggregate differs, naming the cell and both numbers.
 */
public final class ExpectedTotals {
    static final ZoneId ZONE = ZoneId.of("Europe/Copenhagen");

    /** One daily aggregate cell; {@code dayStart} is the epoch millis of local midnight. */
    public record Cell(String municipality, String sector, String carrier, long dayStart) implements Comparable<Cell> {
        @Override
        public int compareTo(Cell o) {
            return toString().compareTo(o.toString());
        }

        @Override
        public String toString() {
            return municipality + "|" + sector + "|" + carrier + "|" + Instant.ofEpochMilli(dayStart).atZone(ZONE).toLocalDate();
        }
    }

    /** Energy and CO2e of a cell. */
    public record Totals(long energyWh, long co2eMicrograms) {
        /** CO2e in grams, rounded half up once, as the aggregate topics carry it. */
        public long co2eGrams() {
            return Math.floorDiv(co2eMicrograms + 500_000L, 1_000_000L);
        }
    }

    private final Map<Cell, long[]> cells = new TreeMap<>();

    /** Local midnight (epoch millis) of the day containing {@code instantMillis}. */
    public static long dayStart(long instantMillis) {
        return Instant.ofEpochMilli(instantMillis).atZone(ZONE).toLocalDate().atStartOfDay(ZONE).toInstant().toEpochMilli();
    }

    /** Adds {@code wh} Wh at {@code mgPerKWh} mg CO2e/kWh to the cell of the interval starting at {@code intervalStart}. */
    public void add(String municipality, String sector, String carrier, long intervalStart, long wh, long mgPerKWh) {
        addCell(new Cell(municipality, sector, carrier, dayStart(intervalStart)), wh, Math.multiplyExact(wh, mgPerKWh));
    }

    /** Adds already multiplied sums to a cell (a series' total). */
    public void addCell(Cell cell, long wh, long micrograms) {
        long[] t = cells.computeIfAbsent(cell, c -> new long[2]);
        t[0] = Math.addExact(t[0], wh);
        t[1] = Math.addExact(t[1], micrograms);
    }

    public Map<Cell, Totals> cells() {
        Map<Cell, Totals> out = new TreeMap<>();
        cells.forEach((c, t) -> out.put(c, new Totals(t[0], t[1])));
        return Collections.unmodifiableMap(out);
    }

    public long totalWh() {
        return cells.values().stream().mapToLong(t -> t[0]).reduce(0, Math::addExact);
    }

    /**
     * The differences between the expected cells and {@code observed} (the latest committed aggregate per cell): a missing or
     * different expected cell, or an unexpected cell with energy or CO2e, each as one line naming the cell and both numbers.
     */
    public List<String> compare(Map<Cell, Totals> observed) {
        List<String> out = new ArrayList<>();
        cells().forEach((cell, e) -> {
            Totals o = observed.get(cell);
            if (o == null) {
                out.add(cell + ": expected " + e.energyWh() + " Wh / " + e.co2eMicrograms() + " ug CO2e, no aggregate seen");
            } else if (o.energyWh() != e.energyWh()) {
                out.add(cell + ": energyWh expected " + e.energyWh() + ", got " + o.energyWh());
            } else if (o.co2eMicrograms() != e.co2eMicrograms()) {
                out.add(cell + ": co2eMicrograms expected " + e.co2eMicrograms() + ", got " + o.co2eMicrograms());
            }
        });
        observed.forEach((cell, o) -> {
            if (!cells.containsKey(cell) && (o.energyWh() != 0 || o.co2eMicrograms() != 0)) {
                out.add(cell + ": expected nothing, got " + o.energyWh() + " Wh / " + o.co2eMicrograms() + " ug CO2e");
            }
        });
        return out;
    }

    /** True when {@code observed} equals the expected totals of {@code cell}. */
    public boolean matches(Cell cell, Totals observed) {
        long[] t = cells.get(cell);
        return t != null && observed.energyWh() == t[0] && observed.co2eMicrograms() == t[1];
    }

    public int size() {
        return cells.size();
    }
}
