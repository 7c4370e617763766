package dk.klimaflow.cli;

import dk.klimaflow.config.KlimaflowConfig;
import dk.klimaflow.importer.FactorImport;
import dk.klimaflow.importer.GwpSet;
import dk.klimaflow.importer.ImportProgress;
import dk.klimaflow.importer.ImportTally;
import dk.klimaflow.importer.ReadingImport;
import dk.klimaflow.registry.RestSchemaRegistry;
import dk.klimaflow.simulate.FeedSink;
import dk.klimaflow.simulate.KafkaFeedSink;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code klimaflow import factors|readings|metering-points FILE...}: real files to the klimaflow input topics in Confluent
 * wire format (the same producer and registry serde as the simulator). Each file streams row by row with progress on stderr
 * (a bar on a terminal); bad rows are printed as {@code file:line: rejected: reason} and skipped; the last line is the tally.
 * Exit 0 when every file was read (even with rejected rows), 1 when a file could not be read or Kafka failed, 2 for wrong
 * arguments. {@code --dry-run} reads and checks the files without Kafka. {@code --backfill} (readings, metering points) sends to
 * the backfill pass's topics ({@link BackfillTopics}); factors always go to the shared energy.emission-factors.
 */
@Command(name = "import", mixinStandardHelpOptions = true, description = "Import real data files (factors, readings, metering points) into the input topics.",
        subcommands = {ImportCommand.Factors.class, ImportCommand.Readings.class, ImportCommand.MeteringPoints.class})
public final class ImportCommand {

    /** Options every import subcommand shares. */
    static final class Common {
        @Parameters(paramLabel = "FILE", arity = "1..*", description = "Files to import (CSV or JSON).")
        List<Path> files;

        @Option(names = "--dry-run", description = "Read and check the files, print the tally, send nothing.")
        boolean dryRun;

        @Mixin
        ClusterOptions cluster;

        void check(CommandSpec spec) {
            for (Path f : files) {
                if (!Files.isReadable(f)) {
                    throw new ParameterException(spec.commandLine(), "cannot read " + f);
                }
            }
        }

        /** The sink; with {@code backfill} readings and metering points go to the energy.backfill.* topics instead. */
        FeedSink sink(boolean backfill) {
            FeedSink sink = sink();
            return backfill ? new BackfillTopics(sink) : sink;
        }

        FeedSink sink() {
            if (dryRun) {
                return new FeedSink() { // dry run: checked, counted, not kept
                    @Override
                    public void send(String topic, String key, org.apache.avro.specific.SpecificRecord value) {
                    }

                    @Override
                    public void sendRaw(String topic, byte[] key, byte[] value) {
                    }

                    @Override
                    public void flush() {
                    }
                };
            }
            KlimaflowConfig config = cluster.config();
            java.util.Properties client = config.clientProperties();
            client.putIfAbsent("client.id", "klimaflow-import");
            return new KafkaFeedSink(client, RestSchemaRegistry.fromConfig(config), config.getBoolean(KlimaflowConfig.AUTO_REGISTER));
        }

        interface FileAction {
            void run(Path file, ImportProgress progress) throws Exception;
        }

        int each(CommandSpec spec, ImportTally tally, FileAction action) throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            for (Path file : files) {
                action.run(file, new ImportProgress(err, System.console() != null, 5, file.getFileName().toString(), Files.size(file)));
            }
            spec.commandLine().getOut().println((dryRun ? "dry run: " : "") + tally.summary());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "factors", mixinStandardHelpOptions = true,
            description = {"Emission factors: Energi Data Service DeclarationGridEmission / DeclarationEmissionHour (hourly), CO2Emis /",
                    "CO2EmisProg (5-minute, averaged per hour) as JSON {\"records\":[...]} or CSV, and district-heating declaration CSV",
                    "(SupplyArea, Period, Value, Unit g/kWh|kg/MWh|kg/GJ, Method, Source[, Basis, Edition])."})
    static final class Factors implements Callable<Integer> {
        @Mixin
        Common common;

        @Option(names = "--gwp", defaultValue = "AR5", description = "GWP set for CO2e when the file has CH4 and N2O: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
        GwpSet gwp;

        @Option(names = "--method", paramLabel = "METHOD", description = "CHP allocation method for files that state none (e.g. 125%%); CO2Emis files default to 125%%.")
        String method;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            common.check(spec);
            ImportTally tally = new ImportTally(spec.commandLine().getErr());
            try (FeedSink sink = common.sink()) {
                FactorImport factors = new FactorImport(sink, tally, gwp, method);
                return common.each(spec, tally, factors::importFile);
            }
        }
    }

    @Command(name = "readings", mixinStandardHelpOptions = true,
            description = {"Meter readings: Eloverblik CSV export, DataHub/Eloverblik time-series JSON (electricity), heat-meter CSV",
                    "(meter_id, time, cumulative register in kWh/MWh/GJ, optional m3 and temperatures)."})
    static final class Readings implements Callable<Integer> {
        @Mixin
        Common common;

        @Option(names = "--utility", required = true, paramLabel = "ID",
                description = "The sending utility (grid company GLN or heat company id): must own the metering points in the register.")
        String utility;

        @Option(names = "--sent-at", paramLabel = "INSTANT", description = "Version of the readings (ISO instant); default: the file's last-modified time.")
        Instant sentAt;

        @Option(names = "--backfill", description = "History older than the live correction horizon: to energy.backfill.*, for klimaflow backfill.")
        boolean backfill;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            common.check(spec);
            ImportTally tally = new ImportTally(spec.commandLine().getErr());
            try (FeedSink sink = common.sink(backfill)) {
                ReadingImport readings = new ReadingImport(sink, tally, utility, sentAt);
                return common.each(spec, tally, readings::readings);
            }
        }
    }

    @Command(name = "metering-points", mixinStandardHelpOptions = true,
            description = {"The metering-point register as CSV: id, carrier, utilityId, municipalityCode, gpcSector, municipalOperation,",
                    "priceArea, supplyAreaId[, type]. type: E17 consumption (default), E18 production, E20 exchange, D01..D99 child",
                    "points; only E17 is priced, the others are reported apart from consumption."})
    static final class MeteringPoints implements Callable<Integer> {
        @Mixin
        Common common;

        @Option(names = "--backfill", description = "The register for the history: to energy.backfill.metering-points, for klimaflow backfill.")
        boolean backfill;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            common.check(spec);
            ImportTally tally = new ImportTally(spec.commandLine().getErr());
            try (FeedSink sink = common.sink(backfill)) {
                ReadingImport register = new ReadingImport(sink, tally, null, null);
                return common.each(spec, tally, register::meteringPoints);
            }
        }
    }
}
