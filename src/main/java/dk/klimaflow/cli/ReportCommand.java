package dk.klimaflow.cli;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.SectorEmissions;
import dk.klimaflow.config.KlimaflowConfig;
import dk.klimaflow.config.Topics;
import dk.klimaflow.domain.LocalCalendar;
import dk.klimaflow.registry.RestSchemaRegistry;
import dk.klimaflow.report.AggregateReader;
import dk.klimaflow.report.AnnualAccount;
import dk.klimaflow.report.FactorProvenance;
import dk.klimaflow.report.ReportFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code klimaflow report --municipality 0187 --year 2023 [--format md|csv|json]}: the annual GPC account of a municipality
 * from the aggregate topics (yearly windows for the table, monthly windows of the year before for the season of a
 * year-to-date projection) and the factor provenance from the factor topic ({@link AggregateReader}, {@link AnnualAccount},
 * {@link ReportFormat}). Prints to stdout; exit 1 when Kafka or the registry cannot be reached.
 */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Print the annual GPC account of a municipality from the aggregates.")
public final class ReportCommand implements Callable<Integer> {
    @Option(names = "--municipality", required = true, paramLabel = "CODE", description = "4-digit municipality code, e.g. 0187.")
    String municipality;

    @Option(names = "--year", required = true, paramLabel = "YYYY", description = "Calendar year (Danish local time).")
    int year;

    @Option(names = "--format", defaultValue = "md", paramLabel = "md|csv|json", description = "Output format (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--baseline-tonnes", paramLabel = "T", description = "1990 baseline in t CO2e for the DK2020 path (default: klimaflow.dk2020.baseline.1990.tonnes).")
    Double baselineTonnes;

    @Mixin
    ClusterOptions cluster;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!municipality.matches("\\d{4}")) {
            throw new ParameterException(spec.commandLine(), "--municipality must be 4 digits (e.g. 0187), got " + municipality);
        }
        if (!List.of("md", "csv", "json").contains(format)) {
            throw new ParameterException(spec.commandLine(), "--format must be md, csv or json, got " + format);
        }
        KlimaflowConfig config = cluster.config();
        RestSchemaRegistry registry = RestSchemaRegistry.fromConfig(config);
        long from = LocalCalendar.startOfDay(LocalDate.of(year, 1, 1));
        long to = LocalCalendar.startOfDay(LocalDate.of(year + 1, 1, 1));
        long lastYear = LocalCalendar.startOfDay(LocalDate.of(year - 1, 1, 1));
        Map<Carrier, String> methods = new EnumMap<>(Carrier.class);
        methods.put(Carrier.ELECTRICITY, config.get(KlimaflowConfig.METHOD_ELECTRICITY));
        methods.put(Carrier.DISTRICT_HEATING, config.get(KlimaflowConfig.METHOD_DISTRICT_HEATING));
        double baseline = baselineTonnes != null ? baselineTonnes : Double.parseDouble(config.get(KlimaflowConfig.BASELINE_1990_TONNES));
        AnnualAccount account;
        try (AggregateReader reader = new AggregateReader(config, registry)) {
            List<SectorEmissions> yearly = reader.aggregates(Topics.YEARLY, municipality, from, to);
            List<SectorEmissions> monthly = reader.aggregates(Topics.MONTHLY, municipality, lastYear, to);
            Map<Carrier, Set<String>> areas = reader.areas(municipality);
            Map<Carrier, FactorProvenance> factors = reader.factors(methods, areas, from, to);
            account = AnnualAccount.of(municipality, year, yearly, months(monthly, from, to), months(monthly, lastYear, from), factors,
                    baseline, Instant.now());
        }
        spec.commandLine().getOut().print(ReportFormat.render(account, format));
        spec.commandLine().getOut().flush();
        return 0;
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
