package dk.klimaflow.simulate;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.MeteringPoint;
import dk.klimaflow.avro.PriceArea;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A seeded, simulated register of Vallensbaek's (municipality 0187, price area DK2) metering points: at full scale about
 * 9,000 electricity points (GSRN ids, grid company GLN {@link #GRID_COMPANY}) over GPC I.1 residential, I.2 commercial and
 * institutional (60 of them the municipality's own buildings), I.3 manufacturing and II.1 EV charging, and about 4,500
 * district-heating meters of {@link #HEAT_COMPANY} in supply area {@link #SUPPLY_AREA} (I.1 and I.2). Each point also has a
 * simulated annual consumption in kWh (log-normal around the sector's typical size); the municipality's own points are
 * calibrated to its published green account ({@link PublishedFigures}: 2,806 MWh electricity and 9,994 MWh heat in 2017 at
 * full scale, in proportion to the municipal points kept at a smaller scale). Output: {@link MeteringPoint} records,
 * key = id, for topic {@code energy.metering-points}. The same seed and scale give the same register.
 */
public final class VallensbaekRegister {
    public static final String MUNICIPALITY = "0187";
    public static final String GRID_COMPANY = "5790000705689";
    public static final String HEAT_COMPANY = "vallensbaek-fjernvarme";
    public static final String SUPPLY_AREA = "VEKS-VALLENSBAEK";
    public static final String RESIDENTIAL = "I.1";
    public static final String COMMERCIAL = "I.2";
    public static final String MANUFACTURING = "I.3";
    public static final String EV_CHARGING = "II.1";

    /** Full-scale counts: electricity per sector, then heat per sector; municipal points are part of the I.2 counts. */
    static final int ELECTRICITY_I1 = 7_700;
    static final int ELECTRICITY_I2 = 850;
    static final int ELECTRICITY_MUNICIPAL = 60;
    static final int ELECTRICITY_I3 = 200;
    static final int ELECTRICITY_II1 = 250;
    static final int HEAT_I1 = 4_200;
    static final int HEAT_I2 = 300;
    static final int HEAT_MUNICIPAL = 40;

    private final List<MeteringPoint> points;
    private final Map<String, MeteringPoint> byId;
    private final Map<String, Double> annualKwh;

    private VallensbaekRegister(List<MeteringPoint> points, Map<String, Double> annualKwh) {
        this.points = Collections.unmodifiableList(points);
        this.annualKwh = Collections.unmodifiableMap(annualKwh);
        Map<String, MeteringPoint> index = new LinkedHashMap<>();
        points.forEach(p -> index.put(p.getId(), p));
        this.byId = Collections.unmodifiableMap(index);
    }

    /** The full-size register (about 13,500 points). */
    public static VallensbaekRegister generate(long seed) {
        return generate(seed, 1.0);
    }

    /**
     * A register with every sector's count multiplied by {@code scale} (0 &lt; scale &lt;= 1, at least one point per sector
     * and one municipal point), for tests and benchmarks.
     */
    public static VallensbaekRegister generate(long seed, double scale) {
        if (!(scale > 0 && scale <= 1)) {
            throw new IllegalArgumentException("register scale must be in (0, 1], was " + scale);
        }
        Builder b = new Builder(new SplittableRandom(seed));
        int municipal = scaled(ELECTRICITY_MUNICIPAL, scale);
        b.electricity(RESIDENTIAL, scaled(ELECTRICITY_I1, scale), false, 3_600, 0.45);
        b.electricity(COMMERCIAL, Math.max(1, scaled(ELECTRICITY_I2, scale) - municipal), false, 25_000, 1.0);
        b.electricity(COMMERCIAL, municipal, true, 60_000, 0.8);
        b.calibrateMunicipal(Carrier.ELECTRICITY, PublishedFigures.MUNICIPAL_ELECTRICITY_MWH * municipal / ELECTRICITY_MUNICIPAL);
        b.electricity(MANUFACTURING, scaled(ELECTRICITY_I3, scale), false, 150_000, 1.0);
        b.electricity(EV_CHARGING, scaled(ELECTRICITY_II1, scale), false, 6_000, 0.6);
        int heatMunicipal = scaled(HEAT_MUNICIPAL, scale);
        b.heat(RESIDENTIAL, scaled(HEAT_I1, scale), false, 14_000, 0.35);
        b.heat(COMMERCIAL, Math.max(1, scaled(HEAT_I2, scale) - heatMunicipal), false, 120_000, 0.8);
        b.heat(COMMERCIAL, heatMunicipal, true, 300_000, 0.6);
        b.calibrateMunicipal(Carrier.DISTRICT_HEATING, PublishedFigures.MUNICIPAL_HEAT_MWH * heatMunicipal / HEAT_MUNICIPAL);
        return new VallensbaekRegister(b.points, b.annual);
    }

    private static int scaled(int count, double scale) {
        return Math.max(1, (int) Math.round(count * scale));
    }

    /** All points, electricity first, in a stable order. */
    public List<MeteringPoint> meteringPoints() { return points; }

    public List<MeteringPoint> electricity() { return of(Carrier.ELECTRICITY); }

    public List<MeteringPoint> districtHeating() { return of(Carrier.DISTRICT_HEATING); }

    public int size() { return points.size(); }

    public Optional<MeteringPoint> find(String id) { return Optional.ofNullable(byId.get(id)); }

    public boolean contains(String id) { return byId.containsKey(id); }

    /** Simulated annual consumption of point {@code id} in kWh (electricity, or heat for a heat meter). */
    public double annualKwh(String id) {
        Double kwh = annualKwh.get(id);
        if (kwh == null) {
            throw new IllegalArgumentException("metering point " + id + " is not in the register");
        }
        return kwh;
    }

    private List<MeteringPoint> of(Carrier carrier) {
        return points.stream().filter(p -> p.getCarrier() == carrier).toList();
    }

    /** A new electricity metering point that is not in the register (a newly connected customer). */
    static MeteringPoint electricityPoint(String id, String sector, boolean municipal) {
        return MeteringPoint.newBuilder().setId(id).setCarrier(Carrier.ELECTRICITY).setUtilityId(GRID_COMPANY)
                .setMunicipalityCode(MUNICIPALITY).setGpcSector(sector).setMunicipalOperation(municipal)
                .setPriceArea(PriceArea.DK2).setSupplyAreaId(null).build();
    }

    /** Draws an annual consumption: log-normal with the given median (kWh) and sigma. */
    static double drawAnnualKwh(SplittableRandom random, double median, double sigma) {
        double u1 = Math.max(random.nextDouble(), 1e-12);
        double z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * random.nextDouble());
        return Math.round(median * Math.exp(sigma * Math.max(-3, Math.min(3, z))));
    }

    private static final class Builder {
        private final SplittableRandom random;
        private final List<MeteringPoint> points = new ArrayList<>();
        private final Map<String, Double> annual = new LinkedHashMap<>();
        private final Set<String> ids = new HashSet<>();

        Builder(SplittableRandom random) {
            this.random = random;
        }

        void electricity(String sector, int count, boolean municipal, double median, double sigma) {
            for (int i = 0; i < count; i++) {
                String id;
                do {
                    id = Gsrn.random(random);
                } while (!ids.add(id));
                add(electricityPoint(id, sector, municipal), drawAnnualKwh(random, median, sigma));
            }
        }

        void heat(String sector, int count, boolean municipal, double median, double sigma) {
            for (int i = 0; i < count; i++) {
                String id;
                do {
                    id = String.format("DH-%08d", random.nextInt(100_000_000));
                } while (!ids.add(id));
                add(MeteringPoint.newBuilder().setId(id).setCarrier(Carrier.DISTRICT_HEATING).setUtilityId(HEAT_COMPANY)
                        .setMunicipalityCode(MUNICIPALITY).setGpcSector(sector).setMunicipalOperation(municipal)
                        .setPriceArea(null).setSupplyAreaId(SUPPLY_AREA).build(), drawAnnualKwh(random, median, sigma));
            }
        }

        /**
         * Scales the drawn annual consumption of the municipal points of {@code carrier} (keeping their spread, whole kWh) so
         * that together they use {@code targetMwh} a year.
         */
        void calibrateMunicipal(Carrier carrier, double targetMwh) {
            List<String> ids = points.stream().filter(p -> p.getCarrier() == carrier && p.getMunicipalOperation())
                    .map(MeteringPoint::getId).toList();
            double drawn = ids.stream().mapToDouble(annual::get).sum();
            ids.forEach(id -> annual.put(id, (double) Math.round(annual.get(id) * targetMwh * 1_000 / drawn)));
        }

        private void add(MeteringPoint point, double kwh) {
            points.add(point);
            annual.put(point.getId(), kwh);
        }
    }
}
