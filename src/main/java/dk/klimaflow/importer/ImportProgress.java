package dk.klimaflow.importer;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress of one import file. Input: the file's size and, as rows are read, the bytes consumed and the rows read so far
 * (cheap to call per row). Output: on a terminal one redrawn bar with percentage (by bytes), rows/s and ETA; otherwise one
 * plain line every {@code plainEverySeconds}; {@link #done} prints the final line. Silent when constructed with a null writer.
 */
public final class ImportProgress {
    private final PrintWriter out;
    private final boolean bar;
    private final long plainEveryNanos;
    private final String label;
    private final long totalBytes;
    private final long started = System.nanoTime();
    private long lastPrint = started;

    public ImportProgress(PrintWriter out, boolean bar, long plainEverySeconds, String label, long totalBytes) {
        this.out = out;
        this.bar = bar;
        this.plainEveryNanos = plainEverySeconds * 1_000_000_000L;
        this.label = label;
        this.totalBytes = totalBytes;
    }

    public void update(long bytes, long rows) {
        if (out == null) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastPrint < (bar ? 250_000_000L : plainEveryNanos)) {
            return;
        }
        lastPrint = now;
        print(bytes, rows, now, false);
    }

    public void done(long bytes, long rows) {
        if (out != null) {
            print(bytes, rows, System.nanoTime(), true);
        }
    }

    private void print(long bytes, long rows, long now, boolean last) {
        double seconds = Math.max(1e-9, (now - started) / 1e9);
        double fraction = totalBytes > 0 ? Math.min(1, bytes / (double) totalBytes) : 1;
        double byteRate = bytes / seconds;
        String eta = !last && byteRate > 0 && totalBytes > bytes ? String.format(Locale.ROOT, " ETA %.0f s", (totalBytes - bytes) / byteRate) : "";
        String text = String.format(Locale.ROOT, "%s %3.0f%% %,d rows %,.0f rows/s %.1f s%s", label, fraction * 100, rows, rows / seconds, seconds, eta);
        if (bar) {
            int filled = (int) Math.round(fraction * 30);
            out.print("\r[" + "#".repeat(filled) + ".".repeat(30 - filled) + "] " + text + "   ");
            if (last) {
                out.println();
            }
        } else {
            out.println(text);
        }
        out.flush();
    }
}
