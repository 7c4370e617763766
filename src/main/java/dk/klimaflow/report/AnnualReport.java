package dk.klimaflow.report;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.SectorEmissions;
import dk.klimaflow.config.KlimaflowConfig;
import dk.klimaflow.config.Topics;
import dk.klimaflow.domain.LocalCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the {@link AnnualAccount} of a municipality and year from a {@link Source} of aggregates and factor provenance: the
 * latest yearly windows of the year, the monthly windows of the year and the year before (CO2e grams per local month and
 * carrier, for the seasonal projection), the municipality's factor areas and the provenance of the factors of the configured
 * methods. The one composition behind {@code klimaflow report} and the dashboard's report download ({@code /api/report}); the
 * {@link AggregateReader} is the source of both (it reads the aggregate, metering-point and factor topics).
 */
public final class AnnualReport {
    /** What a report reads: {@link AggregateReader} over the topics, or any other view of the same aggregates and factors. */
    public interface Source extends AutoCloseable {
        /** Latest aggregate per key of the aggregate topic {@code topic} for the municipality, windows starting in [from, to). */
        List<SectorEmissions> aggregates(String topic, String municipality, long from, long to);

        /** The factor areas of the municipality's metering points, per carrier. */
        Map<Carrier, Set<String>> areas(String municipality);

        /** Provenance of the factors of {@code methods} for {@code areas} that overlap [from, to), per carrier. */
        Map<Carrier, FactorProvenance> factors(Map<Carrier, String> methods, Map<Carrier, Set<String>> areas, long from, long to);

        /** Releases what the source holds (a consumer); nothing by default. */
        @Override
        default void close() {
        }
    }

    private AnnualReport() {
    }

    /** The fuel-allocation methods the pipeline prices each carrier with ({@code klimaflow.factor.method.*}). */
    public static Map<Carrier, String> methods(KlimaflowConfig config) {
        Map<Carrier, String> methods = new EnumMap<>(Carrier.class);
        methods.put(Carrier.ELECTRICITY, config.get(KlimaflowConfig.METHOD_ELECTRICITY));
        methods.put(Carrier.DISTRICT_HEATING, config.get(KlimaflowConfig.METHOD_DISTRICT_HEATING));
        return methods;
    }

    /** The account of {@code municipality} for the local calendar year {@code year}, as of {@code now}. */
    public static AnnualAccount build(Source source, String municipality, int year, Map<Carrier, String> methods, double baselineTonnes,
                                      Instant now) {
        long from = LocalCalendar.startOfDay(LocalDate.of(year, 1, 1));
        long to = LocalCalendar.startOfDay(LocalDate.of(year + 1, 1, 1));
        long lastYear = LocalCalendar.startOfDay(LocalDate.of(year - 1, 1, 1));
        List<SectorEmissions> yearly = source.aggregates(Topics.YEARLY, municipality, from, to);
        List<SectorEmissions> monthly = source.aggregates(Topics.MONTHLY, municipality, lastYear, to);
        Map<Carrier, Set<String>> areas = source.areas(municipality);
        Map<Carrier, FactorProvenance> factors = source.factors(methods, areas, from, to);
        return AnnualAccount.of(municipality, year, yearly, months(monthly, from, to), months(monthly, lastYear, from), factors,
                baselineTonnes, now);
    }

    /** CO2e grams per local month of [from, to) per carrier, summed over sectors. */
    static Map<Carrier, long[]> months(List<SectorEmissions> monthly, long from, long to) {
        Map<Carrier, long[]> out = new EnumMap<>(Carrier.class);
        for (SectorEmissions s : monthly) {
            long start = s.getWindowStart().toEpochMilli();
            if (start >= from && start < to) {
                int m = s.getWindowStart().atZone(LocalCalendar.ZONE).getMonthValue() - 1;
                out.computeIfAbsent(s.getCarrier(), c -> new long[12])[m] += s.getCo2eGrams();
            }
        }
        return out;
    }
}
