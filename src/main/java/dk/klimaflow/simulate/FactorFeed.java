package dk.klimaflow.simulate;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.Edition;
import dk.klimaflow.avro.EmissionFactor;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Emission factors for the simulated feeds, in grams CO2e per kWh. Electricity: DK2, method 125%, one factor per UTC hour;
 * where the bundled Energi Data Service declaration sample covers the hour ({@link #declared}), that real DECLARATION
 * (CO2 only) and a FORECAST a few percent off it; elsewhere a FORECAST edition (published ahead) and an ACTUAL edition for
 * the same hour that differs by a few percent, simulated: values of about
 * 40-250 g/kWh from a seasonal level (higher in winter), an evening peak, a midday solar dip in summer and a slow wind-like
 * swing (sum of a few sinusoids of 1-8 days with seeded phases). District heating: supply area VEKS-VALLENSBAEK, method 125%
 * (the one method klimaflow prices both carriers with by default), monthly ACTUAL factors (higher in winter, about 57.6 g/kWh
 * on average) or an annual DECLARATION of 57.6 g/kWh: VEKS's published 2021 declaration for the average customer, 36 g/kWh
 * (10 kg/GJ; provenance in the resources next to this class), is by the 200% method, and is simulated at 125% as 1.6 times it
 * (the 125% method gives CHP heat 0.8 x H of the fuel, the 200% method 0.5 x H; as if all of it were CHP heat, an upper
 * bound). Months and years are Danish local time. Output: {@link EmissionFactor} records for topic {@code energy.emission-factors} with key
 * {@link #key(EmissionFactor)}.
 */
public final class FactorFeed {
    public static final String SOURCE = "simulated, shaped like Energi Data Service";
    public static final String ELECTRICITY_AREA = "DK2";
    public static final String ELECTRICITY_METHOD = "125%";
    public static final String HEAT_METHOD = "125%";
    /** VEKS's published 2021 declaration, by the 200% method. */
    public static final double HEAT_DECLARATION_200_G_PER_KWH = 36.0;
    /** CHP heat's fuel by the 125% method over the 200% method: 0.8 / 0.5. */
    static final double HEAT_125_OVER_200 = 1.6;
    /** The simulated declaration at {@link #HEAT_METHOD}. */
    public static final double HEAT_DECLARATION_G_PER_KWH = Math.round(HEAT_DECLARATION_200_G_PER_KWH * HEAT_125_OVER_200 * 1_000) / 1_000.0;
    private static final double[] WIND_PERIOD_HOURS = {29, 53, 97, 191};
    private static final double MIN = 40;
    private static final double MAX = 250;

    private final long seed;
    private final double[] windPhase = new double[WIND_PERIOD_HOURS.length];

    public FactorFeed(long seed) {
        this.seed = seed;
        for (int i = 0; i < windPhase.length; i++) {
            windPhase[i] = 2 * Math.PI * Noise.unit(seed, 0xF00D, i);
        }
    }

    /** Key of a factor on the compacted factor topic: carrier|area|method|edition|validFrom (ISO instant). */
    public static String key(EmissionFactor f) {
        return f.getCarrier() + "|" + f.getArea() + "|" + f.getMethod() + "|" + f.getEdition() + "|" + f.getValidFrom();
    }

    /** The DK2 electricity factor of the UTC hour starting at {@code hour} (truncated to the hour), FORECAST or ACTUAL. */
    public EmissionFactor electricity(Instant hour, Edition edition) {
        Instant from = hour.truncatedTo(ChronoUnit.HOURS);
        return factor(Carrier.ELECTRICITY, ELECTRICITY_AREA, ELECTRICITY_METHOD, edition, from, from.plusSeconds(3_600),
                electricityGrams(from, edition));
    }

    /**
     * The real DK2 declaration of the hour starting at {@code hour} when the bundled Energi Data Service sample covers it
     * ({@link RealElectricityFactors}: 2022-01-01 .. 2024-01-11 local), published instead of a simulated ACTUAL.
     */
    public Optional<EmissionFactor> declared(Instant hour) {
        return RealElectricityFactors.declaration(hour);
    }

    /**
     * Grams CO2e per kWh of electricity in the hour starting at {@code hour}, rounded to 3 decimals. In an hour the real sample
     * covers, ACTUAL is the sample's value and FORECAST that value off by a few percent; elsewhere both are simulated.
     */
    public double electricityGrams(Instant hour, Edition edition) {
        long h = hour.getEpochSecond() / 3_600;
        Optional<EmissionFactor> real = declared(hour);
        if (real.isPresent()) {
            double grams = real.get().getGramsCo2ePerKWh();
            return edition == Edition.FORECAST ? Math.round(grams * (1 + 0.03 * Noise.gaussian(seed, h, 1)) * 1_000) / 1_000.0 : grams;
        }
        ZonedDateTime local = hour.atZone(LoadProfile.ZONE);
        double localHour = local.getHour() + 0.5;
        double winter = Math.cos(2 * Math.PI * (local.getDayOfYear() - 15) / 365.25);
        double summer = Math.max(0, -winter);
        double level = 125 + 45 * winter;
        double daily = 30 * bump(localHour, 18, 2.5) - 35 * summer * bump(localHour, 13, 2.5) - 10 * bump(localHour, 3.5, 2);
        double wind = 0;
        for (int i = 0; i < WIND_PERIOD_HOURS.length; i++) {
            wind += Math.sin(2 * Math.PI * h / WIND_PERIOD_HOURS[i] + windPhase[i]) / WIND_PERIOD_HOURS.length;
        }
        double forecast = (level + daily) * (1 - 0.55 * wind) * (1 + 0.03 * Noise.gaussian(seed, h, 1));
        double value = edition == Edition.FORECAST ? forecast : forecast * (1 + 0.05 * Noise.gaussian(seed, h, 2));
        return Math.round(Math.max(MIN, Math.min(MAX, value)) * 1_000) / 1_000.0;
    }

    /** The monthly ACTUAL district-heating factor for local month {@code month}: about 70 g/kWh in January, 45 in July. */
    public EmissionFactor heatMonthly(YearMonth month) {
        double grams = (HEAT_DECLARATION_200_G_PER_KWH + 8 * Math.cos(2 * Math.PI * (month.getMonthValue() - 1) / 12)
                + Noise.gaussian(seed, month.getYear(), month.getMonthValue())) * HEAT_125_OVER_200;
        Instant from = month.atDay(1).atStartOfDay(LoadProfile.ZONE).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(LoadProfile.ZONE).toInstant();
        return factor(Carrier.DISTRICT_HEATING, VallensbaekRegister.SUPPLY_AREA, HEAT_METHOD, Edition.ACTUAL, from, to,
                Math.round(grams * 1_000) / 1_000.0);
    }

    /** The annual district-heating DECLARATION for local calendar year {@code year}: 57.6 g/kWh (VEKS's 36 at 200%, x 1.6). */
    public EmissionFactor heatDeclaration(int year) {
        Instant from = YearMonth.of(year, 1).atDay(1).atStartOfDay(LoadProfile.ZONE).toInstant();
        Instant to = YearMonth.of(year + 1, 1).atDay(1).atStartOfDay(LoadProfile.ZONE).toInstant();
        return factor(Carrier.DISTRICT_HEATING, VallensbaekRegister.SUPPLY_AREA, HEAT_METHOD, Edition.DECLARATION, from, to,
                HEAT_DECLARATION_G_PER_KWH);
    }

    private static EmissionFactor factor(Carrier carrier, String area, String method, Edition edition, Instant from, Instant to,
            double grams) {
        return EmissionFactor.newBuilder().setCarrier(carrier).setArea(area).setMethod(method).setEdition(edition)
                .setValidFrom(from).setValidTo(to).setGramsCo2ePerKWh(grams).setSource(SOURCE).build();
    }

    private static double bump(double h, double centre, double width) {
        double d = (h - centre) / width;
        return Math.exp(-0.5 * d * d);
    }
}
