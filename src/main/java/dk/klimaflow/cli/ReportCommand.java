package dk.klimaflow.cli;

import dk.klimaflow.config.KlimaflowConfig;
import dk.klimaflow.registry.RestSchemaRegistry;
import dk.klimaflow.report.AggregateReader;
import dk.klimaflow.report.AnnualAccount;
import dk.klimaflow.report.AnnualReport;
import dk.klimaflow.report.ReportFormat;
import java.time.Instant;
import java.util.List;
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
 * year-to-date projection) and the factor provenance from the factor topic ({@link AggregateReader}, {@link AnnualReport},
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
        double baseline = baselineTonnes != null ? baselineTonnes : Double.parseDouble(config.get(KlimaflowConfig.BASELINE_1990_TONNES));
        AnnualAccount account;
        try (AggregateReader reader = new AggregateReader(config, registry)) {
            account = AnnualReport.build(reader, municipality, year, AnnualReport.methods(config), baseline, Instant.now());
        }
        spec.commandLine().getOut().print(ReportFormat.render(account, format));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
