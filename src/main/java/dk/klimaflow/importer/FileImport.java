package dk.klimaflow.importer;

import java.io.IOException;

/**
 * The loop every import runs per file: reads rows from a {@link RecordSource} one at a time, hands each to a handler, records
 * a bad row (from the source or the handler) in the {@link ImportTally} with file and line and goes on, updates the
 * {@link ImportProgress}, and calls the handler's {@code end} after the last row. Memory is what the handler keeps.
 */
public final class FileImport {
    /** What to do with each row of one file. */
    public interface Handler {
        void row(Row row) throws BadRow;

        default void end() {
        }
    }

    private FileImport() {
    }

    public static void run(String file, RecordSource source, Handler handler, ImportTally tally, ImportProgress progress)
            throws IOException {
        long rows = 0;
        while (true) {
            Row row;
            try {
                row = source.next();
            } catch (BadRow e) {
                tally.rowRead();
                rows++;
                tally.reject(file, source.line(), e.getMessage());
                continue;
            }
            if (row == null) {
                break;
            }
            tally.rowRead();
            rows++;
            try {
                handler.row(row);
            } catch (BadRow e) {
                tally.reject(file, row.line(), e.getMessage());
            }
            progress.update(source.bytes(), rows);
        }
        handler.end();
        progress.done(source.bytes(), rows);
    }
}
