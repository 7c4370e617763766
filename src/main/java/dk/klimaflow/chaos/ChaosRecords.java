package dk.klimaflow.chaos;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.DistrictHeatingReading;
import dk.klimaflow.avro.Edition;
import dk.klimaflow.avro.ElectricityTimeSeries;
import dk.klimaflow.avro.EmissionFactor;
import dk.klimaflow.avro.EnergyUnit;
import dk.klimaflow.avro.HeatReadingEvent;
import dk.klimaflow.avro.Point;
import dk.klimaflow.avro.Quality;
import dk.klimaflow.avro.Resolution;
import dk.klimaflow.config.Topics;
import dk.klimaflow.registry.AvroSerde;
import dk.klimaflow.registry.SchemaRegistry;
import dk.klimaflow.simulate.FactorFeed;
import dk.klimaflow.simulate.VallensbaekRegister;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The records of the {@link ChaosLoad}, built and serialised to the bytes it sends (registry wire format). Input: the registry,
 * a seed for the garbage, and per record its key, time and indices (the quantities are the ledger's: {@link
 * ChaosLedger#quantityWh}, {@link ChaosLedger#registerKwh}). Output: a day-long PT15M electricity series of a metering point
 * (energy.electricity.readings, key metering point id), an hourly district-heating register reading (energy.district-heating
 * .readings, key meter id), random bytes or truncated Avro for the electricity topic (MALFORMED), and a DECLARATION
 * electricity factor for an hour (energy.emission-factors, key {@link FactorFeed#key}). After {@link #useWriterSchema} the
 * electricity series of known points carry another writer schema id and that schema's trailing string field.
 */
final class ChaosRecords {
    private final AvroSerde<ElectricityTimeSeries> electricity;
    private final AvroSerde<DistrictHeatingReading> heat;
    private final AvroSerde<EmissionFactor> factors;
    private final Random random;
    private volatile int writerSchemaId = -1;
    private volatile byte[] writerSchemaTail;

    ChaosRecords(SchemaRegistry registry, long seed) {
        this.electricity = AvroSerde.forValue(ElectricityTimeSeries.class, registry, true);
        this.heat = AvroSerde.forValue(DistrictHeatingReading.class, registry, true);
        this.factors = AvroSerde.forValue(EmissionFactor.class, registry, true);
        this.random = new Random(seed);
    }

    /** Version {@code v} of the series of point {@code i} on day {@code d} (from {@code day}), in the writer schema in use. */
    byte[] electricitySeries(String id, long day, int i, int d, int v, long sentAt) {
        return withWriterSchema(electricity.serialize(Topics.ELECTRICITY, series(id, day, i, d, v, sentAt)));
    }

    /** A series of a metering point the pipeline does not know (the quantities of point 0, version 0), in the registered schema. */
    byte[] unknownSeries(String id, long day, long sentAt) {
        return electricity.serialize(Topics.ELECTRICITY, series(id, day, 0, 0, 0, sentAt));
    }

    /** Reading {@code j} of heat meter {@code m} (id {@code id}), read at {@code readAt}. */
    byte[] heatReading(String id, int m, int j, long readAt, long sentAt) {
        DistrictHeatingReading r = new DistrictHeatingReading(id, VallensbaekRegister.HEAT_COMPANY,
                Instant.ofEpochMilli(readAt), (double) ChaosLedger.registerKwh(m, j), EnergyUnit.KWH,
                null, null, null, Instant.ofEpochMilli(sentAt), HeatReadingEvent.READING);
        return heat.serialize(Topics.DISTRICT_HEATING, r);
    }

    /** Bytes no deserialiser accepts, for record {@code k}: random bytes if {@code k % 200 == 42}, else truncated Avro. */
    byte[] malformed(long k, String key, long day, long sentAt) {
        byte[] value;
        if (k % 200 == 42) {
            value = new byte[1 + random.nextInt(300)];
            random.nextBytes(value);
            value[0] = 0x7F; // never the wire format's magic byte 0
        } else {
            byte[] whole = electricity.serialize(Topics.ELECTRICITY, series(key, day, 0, 0, 0, sentAt));
            value = Arrays.copyOf(whole, 5 + random.nextInt(whole.length - 6)); // truncated Avro
        }
        return value;
    }

    /** The DECLARATION electricity factor of the hour from {@code from}: {@code mg} mg CO2e/kWh, a revision of {@code percent}%. */
    static EmissionFactor declaration(long from, long mg, int percent) {
        return EmissionFactor.newBuilder().setCarrier(Carrier.ELECTRICITY)
                .setArea(FactorFeed.ELECTRICITY_AREA).setMethod(FactorFeed.ELECTRICITY_METHOD).setEdition(Edition.DECLARATION)
                .setValidFrom(Instant.ofEpochMilli(from)).setValidTo(Instant.ofEpochMilli(from + ChaosLedger.HOUR))
                .setGramsCo2ePerKWh(mg / 1000.0).setSource("klimaflow chaos: factor revision " + percent + "%").build();
    }

    byte[] factor(EmissionFactor f) {
        return factors.serialize(Topics.EMISSION_FACTORS, f);
    }

    private static ElectricityTimeSeries series(String id, long day, int i, int d, int v, long sentAt) {
        List<Point> points = new ArrayList<>(96);
        for (int j = 0; j < 96; j++) {
            points.add(new Point(ChaosLedger.quantityWh(i, d, v, j), Quality.MEASURED));
        }
        return new ElectricityTimeSeries(id, VallensbaekRegister.GRID_COMPANY, Instant.ofEpochMilli(day), Resolution.PT15M, points,
                Instant.ofEpochMilli(sentAt));
    }

    /**
     * From now on electricity series are written with schema id {@code id}: the current schema plus a trailing string field
     * whose value is {@code fieldValue}.
     */
    void useWriterSchema(int id, String fieldValue) {
        byte[] utf8 = fieldValue.getBytes(StandardCharsets.UTF_8);
        ByteBuffer tail = ByteBuffer.allocate(10 + utf8.length);
        long zigzag = ((long) utf8.length << 1) ^ ((long) utf8.length >> 63);
        while ((zigzag & ~0x7FL) != 0) {
            tail.put((byte) ((zigzag & 0x7F) | 0x80));
            zigzag >>>= 7;
        }
        tail.put((byte) zigzag).put(utf8);
        writerSchemaTail = Arrays.copyOf(tail.array(), tail.position());
        writerSchemaId = id;
    }

    private byte[] withWriterSchema(byte[] plain) {
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
}
