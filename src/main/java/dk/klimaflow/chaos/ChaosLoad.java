package dk.klimaflow.chaos;

import dk.klimaflow.avro.EmissionFactor;
import dk.klimaflow.avro.MeteringPoint;
import dk.klimaflow.bench.Preloader;
import dk.klimaflow.config.Topics;
import dk.klimaflow.registry.SchemaRegistry;
import dk.klimaflow.simulate.FactorFeed;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;

/**
 * A utility's live feed for the chaos run, on a thread of its own at a fixed rate of records per second, written through one
 * idempotent {@link Preloader} producer (acks=all, so a broker restart delays records but never loses or doubles them).
 * Input: the {@link ChaosLedger} (points, days), the registry and a seed. Output: records on the reading topics, each reported
 * to the ledger once sent: day-long PT15M electricity series cycling over points and days (each pass a new version, a later
 * sentAt: a correction of the last), hourly district-heating registers (in order per meter), and on purpose about 1% random
 * bytes or truncated Avro (MALFORMED) and 1% series of unknown metering points (parked). {@link #useWriterSchema} switches the
 * electricity series to another registered writer schema id (the original schema plus one string field at the end, so the
 * bytes are the original ones with that field appended); {@link #reviseFactors} sends DECLARATION factors for every hour of the
 * days, racing with the readings of those hours. The records themselves are built by {@link ChaosRecords}.
 */
public final class ChaosLoad implements AutoCloseable {
    private final ChaosLedger ledger;
    private final Preloader producer;
    private final ChaosRecords records;
    private final long sentAtBase = System.currentTimeMillis() - 86_400_000L; // sentAt grows by 1 ms a record
    private final long lastHeatReading = System.currentTimeMillis() - ChaosLedger.HOUR;
    private volatile Thread thread;
    /** Why the feed's thread stopped by itself, or null. */
    private volatile RuntimeException failure;
    private volatile boolean running;
    private long n;
    private long electricityNext;
    private long heatNext;
    private long unknownNext;

    public ChaosLoad(ChaosLedger ledger, Properties clientSettings, SchemaRegistry registry, long seed) {
        this.ledger = ledger;
        this.producer = new Preloader(clientSettings, registry, 5);
        this.records = new ChaosRecords(registry, seed);
    }

    /** Publishes master data and factors (before the load). */
    public void publish(List<MeteringPoint> points, List<EmissionFactor> factorList) {
        factorList.forEach(producer::factor);
        producer.flush();
        points.forEach(producer::meteringPoint);
        producer.flush();
    }

    /** Starts producing {@code recordsPerSecond} records per second until {@link #stop()}. */
    public synchronized void start(int recordsPerSecond) {
        if (running) {
            return;
        }
        running = true;
        failure = null;
        thread = new Thread(() -> loop(recordsPerSecond), "chaos-load");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop(int recordsPerSecond) {
        long tick = Duration.ofMillis(100).toNanos();
        long next = System.nanoTime();
        double credit = 0;
        while (running) {
            credit += recordsPerSecond / 10.0;
            try {
                for (; credit >= 1; credit--) {
                    next();
                }
            } catch (RuntimeException e) {
                failure = e; // named by the next wait for progress, instead of a silent stop of the feed
                running = false;
                return;
            }
            next += tick;
            LockSupport.parkNanos(next - System.nanoTime()); // the pacing of the feed, not a wait for a condition
        }
    }

    /** Why the feed stopped by itself (a send that threw), or null while it runs or after {@link #stop()}. */
    public RuntimeException failure() {
        return failure;
    }

    /** Stops producing and returns when every record sent so far is acknowledged by the broker. */
    public void stop() throws InterruptedException {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.join();
        }
        producer.flush();
    }

    /** Sends the next record of the feed (synchronised with factor revisions and schema switches). */
    synchronized void next() {
        long k = n++;
        if (k % 100 == 42) {
            malformed(k);
        } else if (k % 100 == 77) {
            unknown();
        } else if (k % 5 == 0 && heatNext < (long) ledger.heatMeters().size() * maxHeatReadings()) {
            heatReading();
        } else {
            electricitySeries();
        }
    }

    private int maxHeatReadings() {
        return (int) ((lastHeatReading - ledger.heatStart()) / ChaosLedger.HOUR) + 1;
    }

    private void electricitySeries() {
        int points = ledger.electricityPoints().size();
        int days = ledger.days().size();
        long e = electricityNext++;
        int i = (int) (e % points);
        int d = (int) (e / points % days);
        int v = (int) (e / ((long) points * days));
        String id = ledger.electricityPoints().get(i).getId();
        producer.send(Topics.ELECTRICITY, id, records.electricitySeries(id, ledger.days().get(d), i, d, v, sentAtBase + e));
        ledger.electricitySent(i, d, v);
    }

    private void heatReading() {
        long h = heatNext++;
        int meters = ledger.heatMeters().size();
        int m = (int) (h % meters);
        int j = (int) (h / meters);
        String id = ledger.heatMeters().get(m).getId();
        long readAt = ledger.heatStart() + j * ChaosLedger.HOUR;
        producer.send(Topics.DISTRICT_HEATING, id, records.heatReading(id, m, j, readAt, sentAtBase + h));
        ledger.heatSent(m);
    }

    private void malformed(long k) {
        String key = ledger.electricityPoints().get((int) (k % ledger.electricityPoints().size())).getId();
        producer.send(Topics.ELECTRICITY, key, records.malformed(k, key, ledger.days().get(0), sentAtBase));
        ledger.malformedSent();
    }

    private void unknown() {
        long u = unknownNext++;
        String id = String.format("571397%012d", u);
        producer.send(Topics.ELECTRICITY, id, records.unknownSeries(id, ledger.days().get(0), sentAtBase + u));
        ledger.unknownSent();
    }

    /**
     * From now on electricity series are written with schema id {@code id}: the current schema plus a trailing string field
     * whose value is {@code fieldValue}.
     */
    public synchronized void useWriterSchema(int id, String fieldValue) {
        records.useWriterSchema(id, fieldValue);
    }

    /** Sends, for every hour of the load's days, a DECLARATION at {@code percent}% of the hour's ACTUAL (same key each time). */
    public synchronized void reviseFactors(int percent, java.util.function.LongUnaryOperator actualMg) {
        for (long day : ledger.days()) {
            for (int hour = 0; hour < 24; hour++) {
                long from = day + hour * ChaosLedger.HOUR;
                long mg = actualMg.applyAsLong(from) * percent / 100;
                EmissionFactor f = ChaosRecords.declaration(from, mg, percent);
                producer.send(Topics.EMISSION_FACTORS, FactorFeed.key(f), records.factor(f));
                ledger.declarationSent(from, mg);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        producer.close();
    }
}
