package dk.klimaflow.pipeline;

import static dk.klimaflow.pipeline.PipelineHarness.electricityPoint;
import static dk.klimaflow.pipeline.PipelineHarness.factor;
import static dk.klimaflow.pipeline.PipelineHarness.series;
import static org.assertj.core.api.Assertions.assertThat;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.Edition;
import dk.klimaflow.avro.MeteringPoint;
import dk.klimaflow.avro.MeteringPointType;
import dk.klimaflow.avro.Resolution;
import dk.klimaflow.avro.SectorEmissions;
import dk.klimaflow.config.Topics;
import dk.klimaflow.domain.Granularity;
import dk.klimaflow.registry.AvroSerde;
import dk.klimaflow.registry.InMemorySchemaRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * DataHub metering-point types on the real topology: only E17 consumption is priced and counted in energy, CO2e,
 * completeness and the metering-point count; E18 production (a rooftop PV point), E20 exchange and D child points are kept
 * apart in their own figures; a point whose type changes takes its history along; a metering point written without the type
 * (older producers, older state) is consumption, and a type this release does not know is kept apart.
 */
class MeteringPointTypeTest {
    static final Instant NOW = Instant.parse("2026-06-10T12:00:00Z");
    static final Instant H10 = Instant.parse("2026-06-09T10:00:00Z");
    static final String HOME = "571313100000000001";
    static final String PV = "571313100000000002";
    static final String EXCHANGE = "571313100000000003";
    static final String CHILD = "571313100000000004";
    static final String HOUR_KEY = "0187|I.1|ELECTRICITY|2026-06-09T12:00+02:00";
    static final String YEAR_KEY = "0187|I.1|ELECTRICITY|2026-01-01T00:00+01:00";

    PipelineHarness h = new PipelineHarness(NOW);

    @AfterEach
    void close() {
        h.close();
    }

    private static MeteringPoint typed(String id, MeteringPointType type, String code) {
        MeteringPoint mp = electricityPoint(id, "I.1", true);
        mp.setType(type);
        mp.setTypeCode(code);
        return mp;
    }

    private void dk2Factor() {
        h.send(factor(Carrier.ELECTRICITY, "DK2", H10, Duration.ofHours(1), 100.0, "125%", Edition.ACTUAL));
    }

    @Test
    void shouldNeverCountARooftopPvPointAsConsumption() {
        h.send(electricityPoint(HOME, "I.1", true));
        h.send(typed(PV, MeteringPointType.E18, null));
        dk2Factor();
        h.send(series(HOME, H10, Resolution.PT15M, NOW, 1000L, 1000L, 1000L, 1000L));
        h.send(series(PV, H10, Resolution.PT15M, NOW, 2500L, 2500L, 2500L, 2500L));
        h.flush();

        for (Granularity g : Granularity.values()) {
            SectorEmissions s = h.latest(g).values().iterator().next();
            assertThat(s.getEnergyWh()).as(g + " energy").isEqualTo(4_000);
            assertThat(s.getCo2eGrams()).as(g + " CO2e").isEqualTo(400); // 4 kWh x 100 g/kWh, the PV point's 10 kWh not at all
            assertThat(s.getMeasuredWh()).isEqualTo(4_000);
            assertThat(s.getMunicipalOperationEnergyWh()).isEqualTo(4_000);
            assertThat(s.getActualWh()).isEqualTo(4_000);
            assertThat(s.getMeteringPoints()).isEqualTo(1);
            assertThat(s.getProductionWh()).as(g + " production").isEqualTo(10_000);
            assertThat(s.getExchangeWh()).isZero();
            assertThat(s.getChildWh()).isZero();
        }
    }

    @Test
    void shouldKeepExchangeAndChildPointsApartAndRestateThem() {
        h.send(typed(EXCHANGE, MeteringPointType.E20, null));
        h.send(typed(CHILD, MeteringPointType.D, "D07"));
        dk2Factor();
        h.send(series(EXCHANGE, H10, Resolution.PT1H, NOW.minusSeconds(60), 7000L));
        h.send(series(CHILD, H10, Resolution.PT1H, NOW.minusSeconds(60), 3000L));
        h.flush();
        h.send(series(CHILD, H10, Resolution.PT1H, NOW, 3300L)); // a correction
        h.flush();

        SectorEmissions hour = h.latest(Granularity.HOUR, HOUR_KEY);
        assertThat(hour.getExchangeWh()).isEqualTo(7_000);
        assertThat(hour.getChildWh()).isEqualTo(3_300);
        assertThat(hour.getEnergyWh()).isZero();
        assertThat(hour.getCo2eMicrograms()).isZero();
        assertThat(hour.getPendingFactorWh()).isZero();
        assertThat(hour.getMeteringPoints()).isZero();
        assertThat(hour.getRestatements()).isEqualTo(4); // the corrected hour's four quarter-hours, as for consumption
    }

    @Test
    void shouldMoveTheHistoryWhenAPointTurnsOutToBeProduction() {
        h.send(electricityPoint(PV, "I.1", false));
        dk2Factor();
        h.send(series(PV, H10, Resolution.PT1H, NOW, 8000L));
        h.flush();
        assertThat(h.latest(Granularity.YEAR, YEAR_KEY).getEnergyWh()).isEqualTo(8_000);

        MeteringPoint production = typed(PV, MeteringPointType.E18, null);
        production.setMunicipalOperation(false);
        h.send(production);
        h.flush();

        for (Granularity g : Granularity.values()) {
            SectorEmissions s = h.latest(g).values().iterator().next();
            assertThat(s.getEnergyWh()).as(g + " energy").isZero();
            assertThat(s.getCo2eMicrograms()).isZero();
            assertThat(s.getMeasuredWh()).isZero();
            assertThat(s.getActualWh()).isZero();
            assertThat(s.getMeteringPoints()).isZero();
            assertThat(s.getProductionWh()).as(g + " production").isEqualTo(8_000);
        }
    }

    @Test
    void shouldReadAMeteringPointWithoutTheTypeFieldAsConsumption() throws IOException {
        h.close();
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        h = new PipelineHarness(NOW, Map.of(), registry, null);
        Schema published = new Schema.Parser().parse(InternalSerde.history(MeteringPoint.getClassSchema(), "88bbbed234cf9003"));
        assertThat(published.getField("type")).as("the schema published before issue 9").isNull();
        GenericRecord old = new GenericData.Record(published);
        old.put("id", HOME);
        old.put("carrier", new GenericData.EnumSymbol(published.getField("carrier").schema(), "ELECTRICITY"));
        old.put("utilityId", PipelineHarness.OWNER);
        old.put("municipalityCode", "0187");
        old.put("gpcSector", "I.1");
        old.put("municipalOperation", false);
        old.put("priceArea", new GenericData.EnumSymbol(published.getField("priceArea").schema().getTypes().get(1), "DK2"));
        old.put("supplyAreaId", null);
        int id = registry.register(Topics.METERING_POINTS + "-value", published);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.write(AvroSerde.MAGIC);
        wire.write(ByteBuffer.allocate(4).putInt(id).array());
        wire.write(binary(old));

        h.pipeBytes(Topics.METERING_POINTS, HOME, wire.toByteArray());
        dk2Factor();
        h.send(series(HOME, H10, Resolution.PT1H, NOW, 5000L));
        h.flush();

        assertThat(h.rejected()).isEmpty();
        SectorEmissions hour = h.latest(Granularity.HOUR, HOUR_KEY);
        assertThat(hour.getEnergyWh()).isEqualTo(5_000);
        assertThat(hour.getCo2eGrams()).isEqualTo(500);
        assertThat(hour.getProductionWh()).isZero();
        // the same record in the state stores (InternalSerde, with the old writer schema's fingerprint) reads as E17 too
        MeteringPoint stored = h.serdes.meteringPointState().deserializer().deserialize("", internal(published, old));
        assertThat(stored.getType()).isNull();
        assertThat(stored.getTypeCode()).isNull();
        assertThat(dk.klimaflow.domain.MeteringPointTypes.of(stored)).isEqualTo(MeteringPointType.E17);
        assertThat(dk.klimaflow.domain.MeteringPointTypes.consumption(stored)).isTrue();
    }

    @Test
    void shouldReadATypeThisReleaseDoesNotKnowAsAChildPointKeptApart() throws IOException {
        String symbols = "\"symbols\":[\"E17\",\"E18\",\"E20\",\"D\"]";
        String text = MeteringPoint.getClassSchema().toString();
        assertThat(text).contains(symbols);
        Schema newer = new Schema.Parser().parse(text.replace(symbols, "\"symbols\":[\"E17\",\"E18\",\"E20\",\"D\",\"E99\"]"));
        GenericRecord mp = new GenericData.Record(newer);
        for (Schema.Field f : newer.getFields()) {
            if (f.hasDefaultValue()) {
                mp.put(f.name(), GenericData.get().getDefaultValue(f));
            }
        }
        mp.put("id", PV);
        mp.put("carrier", new GenericData.EnumSymbol(newer.getField("carrier").schema(), "ELECTRICITY"));
        mp.put("utilityId", PipelineHarness.OWNER);
        mp.put("municipalityCode", "0187");
        mp.put("gpcSector", "I.1");
        mp.put("municipalOperation", false);
        mp.put("type", new GenericData.EnumSymbol(newer.getField("type").schema().getTypes().get(1), "E99"));

        MeteringPoint read = new SpecificDatumReader<MeteringPoint>(newer, MeteringPoint.getClassSchema())
                .read(null, DecoderFactory.get().binaryDecoder(binary(mp), null));

        assertThat(read.getType()).isEqualTo(MeteringPointType.D);
        assertThat(dk.klimaflow.domain.MeteringPointTypes.consumption(read)).isFalse();
    }

    private static byte[] binary(GenericRecord r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(r.getSchema()).write(r, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    /** InternalSerde's format 1 as the release before wrote it: format byte, the writer schema's fingerprint, Avro binary. */
    private static byte[] internal(Schema writer, GenericRecord r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(InternalSerde.FORMAT_V1);
        out.write(ByteBuffer.allocate(8).putLong(org.apache.avro.SchemaNormalization.parsingFingerprint64(writer)).array());
        out.write(binary(r));
        return out.toByteArray();
    }
}
