package dk.klimaflow.importer;

import dk.klimaflow.simulate.FeedSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * {@code klimaflow import readings} and {@code import metering-points}: one file to the input topics. Readings: {@code .json}
 * -> {@link DataHubJsonReadings}; a CSV whose header has {@code Målepunkt id} -> {@link EloverblikCsvReadings}; one with
 * {@code meter_id} and a time -> {@link HeatMeterCsvReadings}. The readings' {@code sentAt} is {@code sentAt} if given, else
 * the file's last-modified time (to the second; DataHub JSON: its createdDateTime): re-importing the same file sends the
 * same versions, which the pipeline ignores (same sentAt: the first version wins; identical values: no change), and a newer
 * export of corrected values wins over an older one.
 */
public final class ReadingImport {
    private final FeedSink sink;
    private final ImportTally tally;
    private final String utilityId;
    private final Instant sentAt;

    public ReadingImport(FeedSink sink, ImportTally tally, String utilityId, Instant sentAt) {
        this.sink = sink;
        this.tally = tally;
        this.utilityId = utilityId;
        this.sentAt = sentAt;
    }

    public void readings(Path file, ImportProgress progress) throws IOException {
        Instant fileTime = Instant.ofEpochSecond(Files.getLastModifiedTime(file).toInstant().getEpochSecond());
        String name = file.getFileName().toString();
        if (name.toLowerCase().endsWith(".json")) {
            new DataHubJsonReadings(sink, tally, utilityId, sentAt, fileTime).importFile(file, progress);
            return;
        }
        Instant version = sentAt != null ? sentAt : fileTime;
        try (RecordSource source = RecordSource.open(file)) {
            FileImport.Handler handler;
            if (source.fields().contains("Målepunkt id")) {
                handler = new EloverblikCsvReadings(new SeriesBatcher(sink, tally, utilityId, version));
            } else if (HeatMeterCsvReadings.recognises(source.fields())) {
                handler = new HeatMeterCsvReadings(sink, tally, utilityId, version);
            } else {
                throw new IOException(name + ": columns " + source.fields() + " are none of the known reading formats (Eloverblik CSV"
                        + " with 'Målepunkt id', heat-meter CSV with meter_id and time, DataHub JSON)");
            }
            FileImport.run(name, source, handler, tally, progress);
        }
        sink.flush();
    }

    public void meteringPoints(Path file, ImportProgress progress) throws IOException {
        try (RecordSource source = RecordSource.open(file)) {
            FileImport.run(file.getFileName().toString(), source, new MeteringPointRows(sink, tally), tally, progress);
        }
        sink.flush();
    }
}
