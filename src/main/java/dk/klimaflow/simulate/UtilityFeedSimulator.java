package dk.klimaflow.simulate;

import dk.klimaflow.config.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The simulated utilities of Vallensbaek publishing to a {@link FeedSink}: the register's metering points (topic
 * energy.metering-points, key id), emission factors (energy.emission-factors, key {@link FactorFeed#key}: DK2 FORECAST ahead
 * by {@code forecastLead}, ACTUAL once the hour is over, district heating per month or year), electricity series
 * (energy.electricity.readings, key metering point id) and heat-meter readings (energy.district-heating.readings, key meter
 * id), hour by hour of simulated time, with the anomalies of {@link Anomalies} and unknown metering points published late.
 * The data of an hour is produced when the simulated clock passes the hour's end, with sentAt = that end; in live mode with a
 * {@link SimulationConfig#liveSpread} its readings then go out spread over that much simulated time, as a head-end system
 * collects them. {@link #backfill}
 * produces a span as fast as possible, several hours per step: electricity in multi-hour series and each heat meter's
 * readings of the step as one DistrictHeatingSeries (energy.district-heating.series, key meter id; meter replacements and
 * late readings still alone); {@link #runLive} follows a clock running {@code acceleration} times faster than the
 * wall clock until {@link #stop()}. Both continue where the previous call ended. Not for concurrent use except {@link #stop()}
 * and {@link #stats()}. The same register, config and calls give the same records. The hours themselves are produced by
 * {@link SimulatedUtilities}; this class runs their simulated clock.
 */
public final class UtilityFeedSimulator {
    /** The topics the simulator sends readings to (the volume to pace); metering points and factors are few and needed first. */
    public static final List<String> READING_TOPICS = List.of(Topics.ELECTRICITY, Topics.DISTRICT_HEATING, Topics.DISTRICT_HEATING_SERIES);

    private static final Duration HOUR = Duration.ofHours(1);

    private final VallensbaekRegister register;
    private final SimulationConfig config;
    private final SimulationStats stats = new SimulationStats();
    private final Outbox out;
    private final SimulatedUtilities utilities;
    private final Clock wallClock;
    private boolean meteringPointsSent;
    private Instant nextHour;
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private volatile boolean stopped;

    public UtilityFeedSimulator(FeedSink sink, VallensbaekRegister register, SimulationConfig config) {
        this(sink, register, config, Clock.systemUTC());
    }

    UtilityFeedSimulator(FeedSink sink, VallensbaekRegister register, SimulationConfig config, Clock wallClock) {
        this.register = register;
        this.config = config;
        this.wallClock = wallClock;
        this.out = new Outbox(sink, stats);
        this.utilities = new SimulatedUtilities(register, config, out, stats);
    }

    public SimulationStats stats() { return stats; }

    public SimulationConfig config() { return config; }

    /** Start of the next simulated hour to produce (the simulated clock after the last step), or null before the first. */
    public synchronized Instant simulatedNow() { return nextHour; }

    /** Publishes every metering point of the register once; later calls do nothing. Called by backfill and runLive. */
    public synchronized void publishMeteringPoints() {
        if (!meteringPointsSent) {
            register.meteringPoints().forEach(p -> out.send(Topics.METERING_POINTS, p.getId(), p));
            out.flush();
            meteringPointsSent = true;
        }
    }

    /**
     * Produces every hour of [from, to) (both truncated to the hour) as fast as the sink takes it, in steps of up to
     * {@code backfillSeriesHours} hours (electricity series and heat series of a step's hours; a step of one hour sends heat
     * readings alone, as live), and everything that falls due (late records, corrections, fills) up to {@code to}. Hours
     * already produced are skipped.
     */
    public synchronized SimulationStats backfill(Instant from, Instant to) {
        publishMeteringPoints();
        Instant end = to.truncatedTo(ChronoUnit.HOURS);
        startAt(from);
        while (nextHour.isBefore(end)) {
            int hours = (int) Math.min(config.backfillSeriesHours(), Duration.between(nextHour, end).toHours());
            step(hours);
        }
        return stats;
    }

    /**
     * Runs until {@link #stop()}: the simulated clock is {@code simulatedStart + acceleration x elapsed wall time} (never past
     * the wall clock when {@code capAtWallClock}), and each hour's data is produced as the clock passes the hour's end.
     * Blocks the calling thread; if a backfill already produced hours, they are not produced again. With acceleration above 1
     * the simulated clock soon runs ahead of the wall clock: start in the past or set {@code capAtWallClock}.
     */
    public void runLive(Instant simulatedStart, double acceleration) throws InterruptedException {
        if (!(acceleration > 0)) {
            throw new IllegalArgumentException("time acceleration must be positive, was " + acceleration);
        }
        publishMeteringPoints();
        long t0 = System.nanoTime();
        synchronized (this) {
            startAt(simulatedStart);
        }
        while (!stopped) {
            double elapsedMs = (System.nanoTime() - t0) / 1e6;
            Instant clock = simulatedStart.plusMillis((long) Math.min(elapsedMs * acceleration, 1e15));
            if (config.capAtWallClock() && clock.isAfter(wallClock.instant())) {
                clock = wallClock.instant();
            }
            Instant next;
            synchronized (this) {
                while (!stopped && !nextHour.plus(HOUR).isAfter(clock)) {
                    liveStep();
                }
                out.runDue(clock); // the spread readings due by now
                out.flush();
                next = nextHour.plus(HOUR);
            }
            double waitMs = Duration.between(simulatedStart, next).toMillis() / acceleration - elapsedMs;
            stopSignal.await(Math.max(1, Math.min(1_000, (long) Math.ceil(waitMs))), TimeUnit.MILLISECONDS);
        }
    }

    /** Whether {@link #stop()} was called. */
    public boolean stopped() {
        return stopped;
    }

    /** Ends {@link #runLive} after the hour it is producing; a later runLive returns at once. Backfill still works. */
    public void stop() {
        stopped = true;
        stopSignal.countDown();
    }

    /** Sends everything still scheduled (late records, corrections, fills, late metering points) now, and flushes. */
    public synchronized void flushPending() {
        out.runAll();
        out.flush();
    }

    /**
     * One live hour: produced at once, or (a live spread) produced with its readings held and then sent evenly over the spread
     * after the hour's end, each with the sentAt it was produced with (the hour's end), so the feed keeps moving between hours.
     */
    private void liveStep() {
        if (config.liveSpread().isZero()) {
            step(1);
            return;
        }
        Instant end = nextHour.plus(HOUR);
        out.runDue(end); // the previous hour's spread (it ends by now) and anything else due goes out as it is, not held again
        out.hold(Set.copyOf(READING_TOPICS));
        step(1);
        out.release(end, config.liveSpread());
    }

    private void startAt(Instant start) {
        Instant hour = start.truncatedTo(ChronoUnit.HOURS);
        if (nextHour == null || nextHour.isBefore(hour)) {
            nextHour = hour;
        }
    }

    /** Produces the next {@code hours} hours ({@link SimulatedUtilities#produce}) and moves the clock to their end. */
    private void step(int hours) {
        nextHour = utilities.produce(nextHour, hours);
        stats.hoursDone(hours, nextHour);
    }
}
