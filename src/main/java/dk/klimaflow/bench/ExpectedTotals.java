package dk.klimaflow.bench;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bench's independent reference: energy in Wh and CO2e in micrograms per (municipality, GPC sector, carrier, window of
 * one {@link Grain}: hour, or local day, month or year in Europe/Copenhagen; the day unless told), accumulated while the
 * workload is generated, with plain exact integer arithmetic (overflow throws) and java.time's calendar, not the pipeline's.
 * Input: {@link #add} calls with an interval's Wh, the factor in mg CO2e/kWh and the interval's start; 1 Wh at 1 mg/kWh is
 * 1 microgram, so an interval adds exactly {@code Wh x mg/kWh} micrograms. Output: {@link #cells()}, and {@link #compare}
 * which lists every cell whose observed aggregate differs, naming the cell and both numbers.
 */
public final class ExpectedTotals {
    static final ZoneId ZONE = ZoneId.of("Europe/Copenhagen");

    /** The window length of an aggregate topic, with the start of the window that holds an instant. */
    public enum Grain {
        HOUR, DAY, MONTH, YEAR;

        /** hourly, daily, monthly or yearly, as the aggregate topics are named. */
        public String label() {
            return this == DAY ? "daily" : name().toLowerCase(java.util.Locale.ROOT) + "ly";
        }

        /** Epoch millis of the start of the window containing {@code instantMillis}: the UTC hour, or local midnight. */
        public long start(long instantMillis) {
            if (this == HOUR) {
                return Math.floorDiv(instantMillis, 3_600_000L) * 3_600_000L;
            }
            java.time.LocalDate d = Instant.ofEpochMilli(instantMillis).atZone(ZONE).toLocalDate();
            d = this == DAY ? d : this == MONTH ? d.withDayOfMonth(1) : d.withDayOfYear(1);
            return d.atStartOfDay(ZONE).toInstant().toEpochMilli();
        }
    }

    /** One aggregate cell; {@code windowStart} is the epoch millis of the window's start (local midnight but for hours). */
    public record Cell(String municipality, String sector, String carrier, long windowStart) implements Comparable<Cell> {
        @Override
        public int compareTo(Cell o) {
            return toString().compareTo(o.toString());
        }

        @Override
        public String toString() {
            java.time.ZonedDateTime t = Instant.ofEpochMilli(windowStart).atZone(ZONE);
            return municipality + "|" + sector + "|" + carrier + "|"
                    + (t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? t.toLocalDate().toString() : t.toOffsetDateTime().toString());
        }
    }

    /** Energy and CO2e of a cell. */
    public record Totals(long energyWh, long co2eMicrograms) {
        /** CO2e in grams, rounded half up once, as the aggregate topics carry it. */
        public long co2eGrams() {
            return Math.floorDiv(co2eMicrograms + 500_000L, 1_000_000L);
        }
    }

    private final Map<Cell, long[]> cells = new java.util.HashMap<>(); // sorted by cells()
    private final Grain grain;

    /** Daily cells. */
    public ExpectedTotals() {
        this(Grain.DAY);
    }

    public ExpectedTotals(Grain grain) {
        this.grain = grain;
    }

    public Grain grain() {
        return grain;
    }

    /** Local midnight (epoch millis) of the day containing {@code instantMillis}. */
    public static long dayStart(long instantMillis) {
        return Grain.DAY.start(instantMillis);
    }

    /** Adds {@code wh} Wh at {@code mgPerKWh} mg CO2e/kWh to the cell of the interval starting at {@code intervalStart}. */
    public void add(String municipality, String sector, String carrier, long intervalStart, long wh, long mgPerKWh) {
        addSum(municipality, sector, carrier, intervalStart, wh, Math.multiplyExact(wh, mgPerKWh));
    }

    /**
     * Adds the summed Wh and micrograms of an interval that starts at {@code intervalStart} and lies within one window of
     * this grain (an hour's sum for every grain, a local day's for days and longer).
     */
    public void addSum(String municipality, String sector, String carrier, long intervalStart, long wh, long micrograms) {
        addCell(new Cell(municipality, sector, carrier, grain.start(intervalStart)), wh, micrograms);
    }

    /** Adds already multiplied sums to a cell (a series' total). */
    public void addCell(Cell cell, long wh, long micrograms) {
        long[] t = cells.computeIfAbsent(cell, c -> new long[2]);
        t[0] = Math.addExact(t[0], wh);
        t[1] = Math.addExact(t[1], micrograms);
    }

    /** The same totals in the windows of a longer {@code coarser} grain (hours into days, months or years; days into months). */
    public ExpectedTotals regrain(Grain coarser) {
        if (coarser.ordinal() < grain.ordinal()) {
            throw new IllegalArgumentException("cannot split " + grain + " cells into " + coarser);
        }
        ExpectedTotals out = new ExpectedTotals(coarser);
        cells.forEach((c, t) -> out.addSum(c.municipality(), c.sector(), c.carrier(), c.windowStart(), t[0], t[1]));
        return out;
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
