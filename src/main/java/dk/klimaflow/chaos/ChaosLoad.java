package dk.klimaflow.chaos;

import dk.klimaflow.avro.DistrictHeatingReading;
import dk.klimaflow.avro.Edition;
import dk.klimaflow.avro.ElectricityTimeSeries;
import dk.klimaflow.avro.EmissionFactor;
import dk.klimaflow.avro.EnergyUnit;
import dk.klimaflow.avro.HeatReadingEvent;
import dk.klimaflow.avro.MeteringPoint;
import dk.klimaflow.avro.Point;
import dk.klimaflow.avro.Quality;
import dk.klimaflow.avro.Resolution;
import dk.klimaflow.bench.Preloader;
import dk.klimaflow.config.Topics;
import dk.klimaflow.registry.AvroSerde;
import dk.klimaflow.registry.SchemaRegistry;
import dk.klimaflow.simulate.FactorFeed;
import dk.klimaflow.simulate.VallensbaekRegister;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
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
 * days, racing with the readings of those hours.
 */
public final class ChaosLoad implements AutoCloseable {
    private final ChaosLedger ledger;
    private final Preloader producer;
    private final AvroSerde<ElectricityTimeSeries> electricity;
    private final AvroSerde<DistrictHeatingReading> heat;
    private final AvroSerde<EmissionFactor> factors;
    private final Random random;
    private final long sentAtBase = System.currentTimeMillis() - 86_400_000L; // sentAt grows by 1 ms a record
    private final long lastHeatReading = System.currentTimeMillis() - ChaosLedger.HOUR;
    private volatile Thread thread;
    private volatile boolean running;
    private volatile int writerSchemaId = -1;
    private volatile byte[] writerSchemaTail;
    private long n;
    private long electricityNext;
    private long heatNext;
    private long unknownNext;

    public ChaosLoad(ChaosLedger ledger, Properties clientSettings, SchemaRegistry registry, long seed) {
        this.ledger = ledger;
        this.producer = new Preloader(clientSettings, registry, 5);
        this.electricity = AvroSerde.forValue(ElectricityTimeSeries.class, registry, true);
        this.heat = AvroSerde.forValue(DistrictHeatingReading.class, registry, true);
        this.factors = AvroSerde.forValue(EmissionFactor.class, registry, true);
        this.random = new Random(seed);
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
            for (; credit >= 1; credit--) {
                next();
            }
            next += tick;
            LockSupport.parkNanos(next - System.nanoTime()); // the pacing of the feed, not a wait for a condition
        }
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
        producer.send(Topics.ELECTRICITY, id, electricityBytes(series(id, ledger.days().get(d), i, d, v, sentAtBase + e)));
        ledger.electricitySent(i, d, v);
    }

    private static ElectricityTimeSeries series(String id, long day, int i, int d, int v, long sentAt) {
        List<Point> points = new ArrayList<>(96);
        for (int j = 0; j < 96; j++) {
            points.add(new Point(ChaosLedger.quantityWh(i, d, v, j), Quality.MEASURED));
        }
        return new ElectricityTimeSeries(id, VallensbaekRegister.GRID_COMPANY, Instant.ofEpochMilli(day), Resolution.PT15M, points,
                Instant.ofEpochMilli(sentAt));
    }

    private byte[] electricityBytes(ElectricityTimeSeries s) {
        byte[] plain = electricity.serialize(Topics.ELECTRICITY, s);
        int id = writerSchemaId;
        if (id < 0) {
            return plain;
        }
        byte[] tail = writerSchemaTail;
        ByteBuffer out = ByteBuffer.allocate(plain.length + tail.length);
        out.put(plain).put(tail);
        out.putInt(1, id);
        return out.array();
    }

    private void heatReading() {
        long h = heatNext++;
        int meters = ledger.heatMeters().size();
        int m = (int) (h % meters);
        int j = (int) (h / meters);
        String id = ledger.heatMeters().get(m).getId();
        DistrictHeatingReading r = new DistrictHeatingReading(id, VallensbaekRegister.HEAT_COMPANY,
                Instant.ofEpochMilli(ledger.heatStart() + j * ChaosLedger.HOUR), (double) ChaosLedger.registerKwh(m, j), EnergyUnit.KWH,
                null, null, null, Instant.ofEpochMilli(sentAtBase + h), HeatReadingEvent.READING);
        producer.send(Topics.DISTRICT_HEATING, id, heat.serialize(Topics.DISTRICT_HEATING, r));
        ledger.heatSent(m);
    }

    private void malformed(long k) {
        String key = ledger.electricityPoints().get((int) (k % ledger.electricityPoints().size())).getId();
        byte[] value;
        if (k % 200 == 42) {
            value = new byte[1 + random.nextInt(300)];
            random.nextBytes(value);
            value[0] = 0x7F; // never the wire format's magic byte 0
        } else {
            byte[] whole = electricity.serialize(Topics.ELECTRICITY, series(key, ledger.days().get(0), 0, 0, 0, sentAtBase));
            value = java.util.Arrays.copyOf(whole, 5 + random.nextInt(whole.length - 6)); // truncated Avro
        }
        producer.send(Topics.ELECTRICITY, key, value);
        ledger.malformedSent();
    }

    private void unknown() {
        long u = unknownNext++;
        String id = String.format("571397%012d", u);
        producer.send(Topics.ELECTRICITY, id, electricity.serialize(Topics.ELECTRICITY, series(id, ledger.days().get(0), 0, 0, 0, sentAtBase + u)));
        ledger.unknownSent();
    }

    /**
     * From now on electricity series are written with schema id {@code id}: the current schema plus a trailing string field
     * whose value is {@code fieldValue}.
     */
    public synchronized void useWriterSchema(int id, String fieldValue) {
        byte[] utf8 = fieldValue.getBytes(StandardCharsets.UTF_8);
        ByteBuffer tail = ByteBuffer.allocate(10 + utf8.length);
        long zigzag = ((long) utf8.length << 1) ^ ((long) utf8.length >> 63);
        while ((zigzag & ~0x7FL) != 0) {
            tail.put((byte) ((zigzag & 0x7F) | 0x80));
            zigzag >>>= 7;
        }
        tail.put((byte) zigzag).put(utf8);
        writerSchemaTail = java.util.Arrays.copyOf(tail.array(), tail.position());
        writerSchemaId = id;
    }

    /** Sends, for every hour of the load's days, a DECLARATION at {@code percent}% of the hour's ACTUAL (same key each time). */
    public synchronized void reviseFactors(int percent, java.util.function.LongUnaryOperator actualMg) {
        for (long day : ledger.days()) {
            for (int hour = 0; hour < 24; hour++) {
                long from = day + hour * ChaosLedger.HOUR;
                long mg = actualMg.applyAsLong(from) * percent / 100;
                EmissionFactor f = EmissionFactor.newBuilder().setCarrier(dk.klimaflow.avro.Carrier.ELECTRICITY)
                        .setArea(FactorFeed.ELECTRICITY_AREA).setMethod(FactorFeed.ELECTRICITY_METHOD).setEdition(Edition.DECLARATION)
                        .setValidFrom(Instant.ofEpochMilli(from)).setValidTo(Instant.ofEpochMilli(from + ChaosLedger.HOUR))
                        .setGramsCo2ePerKWh(mg / 1000.0).setSource("klimaflow chaos: factor revision " + percent + "%").build();
                producer.send(Topics.EMISSION_FACTORS, FactorFeed.key(f), factors.serialize(Topics.EMISSION_FACTORS, f));
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
