package dk.klimaflow.simulate;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Keeps a producer from outrunning its consumer: before each batch of {@link #batch()} records, {@link #awaitRoom()} polls the
 * consumer's lag (every {@code pollInterval}) until the batch fits under {@code maxLag}; {@link #awaitDrained} waits until the
 * lag is zero. In the steady state the lag stays between {@code maxLag - batch} and {@code maxLag}, so the consumer always
 * has work and a new record waits behind at most {@code maxLag} others. If the lag cannot be read, it produces without
 * waiting (a demo that stalls is worse than one that runs ahead) and says so once. {@link #close()} ends every wait.
 */
public final class Backpressure implements AutoCloseable {
    /** How often the lag is read while waiting: a small share of the time the consumer needs for a batch. */
    public static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final LongSupplier lag;
    private AutoCloseable resource;
    private final long maxLag;
    private final Duration pollInterval;
    private final Consumer<String> log;
    private final CountDownLatch closed = new CountDownLatch(1);
    private boolean warned;
    private long waitedNanos;
    private long lastLag = -1;

    /**
     * @param lag          the consumer's lag in records (throws IllegalStateException if it cannot be read)
     * @param maxLag       at most this many records not yet consumed before the next batch is produced (at least 1)
     * @param pollInterval how often the lag is read while waiting
     * @param log          where to say that the lag cannot be read
     */
    public Backpressure(LongSupplier lag, long maxLag, Duration pollInterval, Consumer<String> log) {
        if (maxLag < 1) {
            throw new IllegalArgumentException("the lag bound must be at least 1 record, was " + maxLag);
        }
        this.lag = lag;
        this.maxLag = maxLag;
        this.pollInterval = pollInterval;
        this.log = log;
    }

    /** Backpressure on the lag of {@code lag}'s consumer group, polled every {@link #POLL_INTERVAL}; closes it on {@link #close()}. */
    public static Backpressure on(ConsumerLag lag, long maxLag, Consumer<String> log) {
        Backpressure b = new Backpressure(lag::records, maxLag, POLL_INTERVAL, log);
        b.resource = lag;
        return b;
    }

    /** Records produced between two lag checks: a quarter of the bound, so the consumer still has 3/4 to do while we look. */
    public long batch() {
        return batch(maxLag);
    }

    static long batch(long maxLag) {
        return Math.max(1, maxLag / 4);
    }

    public long maxLag() {
        return maxLag;
    }

    /** Whether a batch may be produced now: the lag after it stays within the bound (or nothing is waiting at all). */
    static boolean mayProduce(long lag, long batch, long maxLag) {
        return lag <= 0 || lag + batch <= maxLag;
    }

    /** Blocks until a batch may be produced, the lag cannot be read, or {@link #close()}. */
    public void awaitRoom() {
        long start = System.nanoTime();
        try {
            while (!isClosed()) {
                long now = readLag();
                if (now < 0 || mayProduce(now, batch(), maxLag)) {
                    return;
                }
                pause();
            }
        } finally {
            waitedNanos += System.nanoTime() - start;
        }
    }

    /**
     * Blocks until the lag is zero, {@code timeout} passed, the lag cannot be read, or {@link #close()}. Returns the lag left:
     * 0 when drained, -1 when unknown.
     */
    public long awaitDrained(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long now = readLag();
        while (now > 0 && !isClosed() && System.nanoTime() - deadline < 0) {
            pause();
            now = readLag();
        }
        return now;
    }

    /** Time spent in {@link #awaitRoom()} so far. */
    public Duration waited() {
        return Duration.ofNanos(waitedNanos);
    }

    /** The lag last read, -1 before the first read or when it could not be read. */
    public long lastLag() {
        return lastLag;
    }

    private long readLag() {
        try {
            lastLag = lag.getAsLong();
        } catch (RuntimeException e) {
            lastLag = -1;
            if (!warned && !isClosed()) {
                warned = true;
                log.accept("backpressure: " + e.getMessage() + "; producing without waiting for the pipeline");
            }
        }
        return lastLag;
    }

    private void pause() {
        try {
            closed.await(pollInterval.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
        }
    }

    private boolean isClosed() {
        return closed.getCount() == 0;
    }

    /** Ends every wait now and later (they return at once); closes the {@link ConsumerLag} of {@link #on}. */
    @Override
    public void close() {
        closed.countDown();
        if (resource != null) {
            try {
                resource.close();
            } catch (Exception e) {
                // closing on the way out
            }
        }
    }
}
