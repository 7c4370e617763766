package dk.klimaflow.cli;

import dk.klimaflow.simulate.FeedSink;
import dk.klimaflow.simulate.SimulationConfig;
import dk.klimaflow.simulate.UtilityFeedSimulator;
import dk.klimaflow.simulate.VallensbaekRegister;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import picocli.CommandLine.Option;

/**
 * Options of the simulated Vallensbaek utility feeds ({@code demo}, {@code simulate}): register size, seed, history to
 * backfill, time acceleration, and whether to mix in anomalies. {@link #start} backfills, then runs live on a daemon thread.
 */
public final class FeedOptions {
    @Option(names = "--scale", paramLabel = "FRACTION", defaultValue = "1.0",
            description = "Share of Vallensbaek's ~9,000 electricity points and ~4,500 heat meters to simulate (default: ${DEFAULT-VALUE}).")
    double scale;

    @Option(names = "--seed", defaultValue = "187", description = "Random seed of the simulated register and feeds (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--backfill", paramLabel = "DURATION", defaultValue = "P2D",
            description = "History to produce at start, as fast as possible (ISO-8601, default: ${DEFAULT-VALUE}).")
    Duration backfill;

    @Option(names = "--acceleration", paramLabel = "FACTOR", defaultValue = "60",
            description = "Simulated seconds per wall-clock second while catching up with now; the simulated clock never passes now (default: ${DEFAULT-VALUE}).")
    double acceleration;

    @Option(names = "--clean", description = "No duplicates, corrections, late, missing or bad records.")
    boolean clean;

    /** Starts the feeds on a daemon thread: backfill, then live from 6 hours ago. Returns the running simulator. */
    public UtilityFeedSimulator start(FeedSink sink, PrintWriter out) {
        if (scale <= 0 || scale > 1) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--scale must be in (0, 1], was " + scale);
        }
        VallensbaekRegister register = VallensbaekRegister.generate(seed, scale);
        SimulationConfig.Builder builder = SimulationConfig.builder().seed(seed).capAtWallClock(true);
        if (clean) {
            builder.duplicateRate(0).correctionRate(0).lateRate(0).missingRate(0).estimatedRate(0).meterReplacementRate(0)
                    .badRecordRates(java.util.Map.of());
        }
        SimulationConfig config = builder.build();
        UtilityFeedSimulator simulator = new UtilityFeedSimulator(sink, register, config);
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant liveFrom = now.minus(Duration.ofHours(6));
        out.printf("Simulating %,d metering points of Vallensbaek (0187): %s of history, then live at %sx until it catches up with now.%n",
                register.size(), backfill, acceleration);
        out.flush();
        Thread feeds = new Thread(() -> {
            try {
                simulator.backfill(liveFrom.minus(backfill), liveFrom);
                simulator.runLive(liveFrom, acceleration);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                System.err.println("klimaflow: simulated feeds stopped: " + e.getMessage());
            }
        }, "klimaflow-feeds");
        feeds.setDaemon(true);
        feeds.start();
        return simulator;
    }
}
