package dk.klimaflow.cli;

import dk.klimaflow.simulate.Backpressure;
import dk.klimaflow.simulate.ConsumerLag;
import dk.klimaflow.simulate.FeedSink;
import dk.klimaflow.simulate.PacedFeedSink;
import dk.klimaflow.simulate.SimulationConfig;
import dk.klimaflow.simulate.UtilityFeedSimulator;
import dk.klimaflow.simulate.VallensbaekRegister;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * Options of the simulated Vallensbaek utility feeds ({@code demo}, {@code simulate}): register size, seed, history to
 * backfill, time acceleration, whether to mix in anomalies, and backpressure from the pipeline's consumer lag. {@link #start}
 * backfills, waits for the pipeline to process the backfill, then runs live on a daemon thread.
 */
public final class FeedOptions {
    /** The demo's lag bound: about 2 s of what the pipeline processes on a 2-core machine, and enough to keep it busy. */
    public static final long DEMO_MAX_LAG_RECORDS = 2_500;

    /** The topics paced by the backpressure: the simulator's reading topics (electricity series, heat readings, heat series). */
    static final List<String> PACED_TOPICS = UtilityFeedSimulator.READING_TOPICS;

    @Option(names = "--scale", paramLabel = "FRACTION", defaultValue = "1.0",
            description = "Share of Vallensbaek's ~9,000 electricity points and ~4,500 heat meters to simulate (default: ${DEFAULT-VALUE}).")
    double scale;

    @Option(names = "--seed", defaultValue = "187", description = "Random seed of the simulated register and feeds (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--backfill", paramLabel = "DURATION", defaultValue = "P2D",
            description = "History to produce at start, oldest hour first, as fast as the pipeline takes it (ISO-8601, default: ${DEFAULT-VALUE}).")
    Duration backfill;

    @Option(names = "--acceleration", paramLabel = "FACTOR", defaultValue = "60",
            description = "Simulated seconds per wall-clock second while catching up with now; the simulated clock never passes now (default: ${DEFAULT-VALUE}).")
    double acceleration;

    @Option(names = "--live-spread", paramLabel = "DURATION", defaultValue = "PT1H",
            description = "Live: each hour's readings go out spread over this much (simulated) time after the hour ends, metering "
                    + "point by metering point, as a meter head-end system collects them, so the feed never sits idle until the next "
                    + "hour; PT0S sends each hour at once when it ends (ISO-8601, at most PT1H, default: ${DEFAULT-VALUE}).")
    Duration liveSpread;

    @Option(names = "--clean", description = "No duplicates, corrections, late, missing or bad records.")
    boolean clean;

    @Option(names = "--max-lag-records", paramLabel = "N",
            description = {"Backpressure: produce readings only while the pipeline's consumer group (application.id) has at most N "
                    + "of them not yet processed, so it is never flooded; 0: no backpressure (default: "
                    + DEMO_MAX_LAG_RECORDS + " for demo, 0 for simulate)."})
    Long maxLagRecords;

    @Option(names = "--drain-timeout", paramLabel = "DURATION", defaultValue = "PT1M",
            description = "With backpressure: how long to wait after the backfill for the pipeline to process it before going live (default: ${DEFAULT-VALUE}).")
    Duration drainTimeout;

    /**
     * The backpressure on the lag of consumer group {@code groupId} (the pipeline's application.id) on the reading topics, with
     * the bound of {@code --max-lag-records} or else {@code defaultMaxLag}; null when the bound is 0.
     */
    public Backpressure backpressure(Properties clientSettings, String groupId, long defaultMaxLag, PrintWriter out) {
        long bound = maxLagRecords != null ? maxLagRecords : defaultMaxLag;
        if (bound < 0) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--max-lag-records must be 0 or more, was " + bound);
        }
        if (bound == 0) {
            return null;
        }
        return Backpressure.on(new ConsumerLag(clientSettings, groupId, PACED_TOPICS), bound, line -> {
            out.println(line);
            out.flush();
        });
    }

    /** Starts the feeds without backpressure; see {@link #start(FeedSink, Backpressure, PrintWriter)}. */
    public UtilityFeedSimulator start(FeedSink sink, PrintWriter out) {
        return start(sink, null, out);
    }

    /**
     * Starts the feeds on a daemon thread: backfill, then live from 6 hours ago. With {@code backpressure} (null: none) the
     * readings are produced no faster than the pipeline processes them, and live starts once the backfill is processed or
     * {@code --drain-timeout} passed. Returns the running simulator; close the backpressure before the sink when stopping.
     */
    public UtilityFeedSimulator start(FeedSink sink, Backpressure backpressure, PrintWriter out) {
        if (scale <= 0 || scale > 1) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--scale must be in (0, 1], was " + scale);
        }
        VallensbaekRegister register = VallensbaekRegister.generate(seed, scale);
        if (liveSpread.isNegative() || liveSpread.compareTo(Duration.ofHours(1)) > 0) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--live-spread must be between PT0S and PT1H, was " + liveSpread);
        }
        SimulationConfig.Builder builder = SimulationConfig.builder().seed(seed).capAtWallClock(true).liveSpread(liveSpread);
        if (clean) {
            builder.duplicateRate(0).correctionRate(0).lateRate(0).missingRate(0).estimatedRate(0).meterReplacementRate(0)
                    .badRecordRates(java.util.Map.of());
        }
        SimulationConfig config = builder.build();
        FeedSink target = backpressure == null ? sink : new PacedFeedSink(sink, backpressure, Set.copyOf(PACED_TOPICS));
        UtilityFeedSimulator simulator = new UtilityFeedSimulator(target, register, config);
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant liveFrom = now.minus(Duration.ofHours(6));
        out.printf("Simulating %,d metering points of Vallensbaek (0187): %s of history (oldest hour first, %s), then live at %sx until it catches up with now%s.%n",
                register.size(), backfill, backpressure == null ? "as fast as possible"
                        : String.format("paced to at most %,d unprocessed readings", backpressure.maxLag()), acceleration,
                liveSpread.isZero() ? "" : ", each hour's readings spread over the " + (liveSpread.toSeconds() % 60 == 0
                        ? liveSpread.toMinutes() + " min" : liveSpread.toSeconds() + " s") + " after it ends");
        out.flush();
        Thread feeds = new Thread(() -> {
            try {
                long t0 = System.nanoTime();
                simulator.backfill(liveFrom.minus(backfill), liveFrom);
                double produced = (System.nanoTime() - t0) / 1e9;
                long records = simulator.stats().totalRecords();
                if (backpressure == null) {
                    say(out, String.format("Backfill done: %,d records in %.1f s. Live from %s at %sx.", records, produced, liveFrom, acceleration));
                } else {
                    say(out, String.format("Backfill produced: %,d records in %.1f s (%.1f s of it waiting for the pipeline); "
                            + "waiting up to %s for the pipeline to process the rest (%,d readings) ...", records, produced,
                            backpressure.waited().toMillis() / 1e3, drainTimeout, Math.max(0, backpressure.lastLag())));
                    long t1 = System.nanoTime();
                    long left = backpressure.awaitDrained(drainTimeout);
                    double drained = (System.nanoTime() - t1) / 1e9;
                    if (left == 0) {
                        say(out, String.format("Backfill processed by the pipeline (%.1f s after the last record). Live from %s at %sx.",
                                drained, liveFrom, acceleration));
                    } else if (left > 0) {
                        say(out, String.format("Backfill NOT fully processed after %.1f s: %,d readings still waiting; going live anyway "
                                + "(from %s at %sx), still paced.", drained, left, liveFrom, acceleration));
                    } else {
                        say(out, String.format("Backfill produced; the pipeline's lag is unknown. Live from %s at %sx.", liveFrom, acceleration));
                    }
                }
                simulator.runLive(liveFrom, acceleration);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                if (!simulator.stopped()) {
                    System.err.println("klimaflow: simulated feeds stopped: " + e.getMessage());
                }
            }
        }, "klimaflow-feeds");
        feeds.setDaemon(true);
        feeds.start();
        return simulator;
    }

    private static void say(PrintWriter out, String line) {
        out.println(line);
        out.flush();
    }
}
