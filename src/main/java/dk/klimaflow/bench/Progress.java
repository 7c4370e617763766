package dk.klimaflow.bench;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress of one bench step. Input: {@link #start} with a label and the expected total, then {@link #update} with the count
 * done (cheap; call as often as you like). Output: on a terminal ({@code System.console() != null}) one redrawn bar with
 * percentage, rate and ETA; otherwise one plain line every few seconds; {@link #done} prints the final line.
 */
public final class Progress {
    private final PrintWriter out;
    private final boolean bar;
    private final long plainEveryNanos;
    private String label = "";
    private long total;
    private long started;
    private long lastPrint;

    public Progress(PrintWriter out, boolean bar, long plainEverySeconds) {
        this.out = out;
        this.bar = bar;
        this.plainEveryNanos = plainEverySeconds * 1_000_000_000L;
    }

    public static Progress forTerminal(PrintWriter out) {
        return new Progress(out, System.console() != null, 5);
    }

    public synchronized void start(String label, long total) {
        this.label = label;
        this.total = total;
        this.started = System.nanoTime();
        this.lastPrint = started;
    }

    public synchronized void update(long done) {
        long now = System.nanoTime();
        if (now - lastPrint < (bar ? 250_000_000L : plainEveryNanos)) {
            return;
        }
        lastPrint = now;
        print(done, now, false);
    }

    public synchronized void done(long done) {
        print(done, System.nanoTime(), true);
    }

    private void print(long done, long now, boolean last) {
        double seconds = Math.max(1e-9, (now - started) / 1e9);
        double rate = done / seconds;
        double fraction = total > 0 ? Math.min(1, done / (double) total) : 0;
        String eta = rate > 0 && total > done ? String.format(Locale.ROOT, "ETA %.0f s", (total - done) / rate) : "";
        String text = String.format(Locale.ROOT, "%-22s %,d/%,d %3.0f%% %,.0f/s %.1f s %s", label, done, total, fraction * 100, rate, seconds, last ? "" : eta);
        if (bar) {
            int filled = (int) Math.round(fraction * 30);
            out.print("\r" + "[" + "#".repeat(filled) + ".".repeat(30 - filled) + "] " + text + "   ");
            if (last) {
                out.println();
            }
        } else {
            out.println(text.stripTrailing());
        }
        out.flush();
    }
}
