package dk.klimaflow.importer;

import dk.klimaflow.avro.EmissionFactor;
import dk.klimaflow.config.Topics;
import dk.klimaflow.simulate.FactorFeed;
import dk.klimaflow.simulate.FeedSink;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code klimaflow import factors}: one factor file (CSV or Energi Data Service JSON) to {@link EmissionFactor}s on
 * {@code energy.emission-factors}, key {@code carrier|area|method|edition|validFrom} (as the simulator's factors). The format
 * is chosen by the columns: {@code Minutes5UTC} -> {@link FiveMinuteFactors} (CO2Emis / CO2EmisProg), {@code HourUTC} or
 * {@code HourDK} -> {@link DeclarationFactors}, {@code SupplyArea} -> {@link HeatDeclarationFactors}. Idempotent: the same
 * file gives the same keys and values, which the compacted topic and the pipeline (an identical factor changes nothing) treat
 * as no-ops.
 */
public final class FactorImport {
    private final FeedSink sink;
    private final ImportTally tally;
    private final GwpSet gwp;
    private final String method;

    /** {@code method}: for files that state none (null: such declaration rows are rejected; CO2Emis defaults to 125%). */
    public FactorImport(FeedSink sink, ImportTally tally, GwpSet gwp, String method) {
        this.sink = sink;
        this.tally = tally;
        this.gwp = gwp;
        this.method = method;
    }

    public void importFile(Path file, ImportProgress progress) throws IOException {
        String name = file.getFileName().toString();
        try (RecordSource source = RecordSource.open(file)) {
            FactorRows rows = format(source.fields(), source.dataset(), name);
            FactorSink out = new FactorSink() {
                @Override
                public void factor(EmissionFactor f) {
                    sink.send(Topics.EMISSION_FACTORS, FactorFeed.key(f), f);
                    tally.imported(1);
                }

                @Override
                public void flag(Row row, String reason) {
                    tally.flag(name, row.line(), reason);
                }
            };
            FileImport.run(name, source, new FileImport.Handler() {
                @Override
                public void row(Row row) throws BadRow {
                    rows.row(row, out);
                }

                @Override
                public void end() {
                    rows.end(out);
                }
            }, tally, progress);
        }
        sink.flush();
    }

    FactorRows format(List<String> fields, String dataset, String file) throws IOException {
        String name = dataset.replaceAll("\\.(csv|json)$", "");
        if (fields.contains("Minutes5UTC")) {
            return new FiveMinuteFactors(name, FiveMinuteFactors.editionOf(name), method == null ? "125%" : method);
        }
        if (fields.contains("HourUTC") || fields.contains("HourDK")) {
            return new DeclarationFactors(name, method, gwp);
        }
        if (fields.contains("SupplyArea")) {
            return new HeatDeclarationFactors();
        }
        throw new IOException(file + ": columns " + fields + " are none of the known factor formats (EDS DeclarationGridEmission /"
                + " DeclarationEmissionHour with HourUTC or HourDK, CO2Emis / CO2EmisProg with Minutes5UTC, heat declaration with SupplyArea)");
    }
}
