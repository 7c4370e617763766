package dk.klimaflow.pipeline;

import static dk.klimaflow.pipeline.PipelineHarness.electricityPoint;
import static dk.klimaflow.pipeline.PipelineHarness.heat;
import static dk.klimaflow.pipeline.PipelineHarness.heatMeter;
import static dk.klimaflow.pipeline.PipelineHarness.series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.klimaflow.avro.EmissionFactor;
import dk.klimaflow.avro.EnergyUnit;
import dk.klimaflow.avro.MeteringPoint;
import dk.klimaflow.avro.ParkedRecord;
import dk.klimaflow.avro.Resolution;
import dk.klimaflow.avro.SectorEmissions;
import dk.klimaflow.domain.Granularity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.Test;

/**
 * Every persisted format of the version store and its neighbours starts with a format byte, unknown formats are refused, and
 * state written by the release before formats were versioned ({@code state/legacy-unversioned/stores.tsv}) still restores.
 */
class StateFormatTest {
    static final Instant NOW = Instant.parse("2026-06-10T12:00:00Z");
    static final Instant H10 = Instant.parse("2026-06-09T10:00:00Z");
    static final String MP = "571313100000000001";
    static final String PARKED_MP = "571313100000000002";

    @Test
    void shouldWriteAFormatByteInEveryStoreValue() {
        try (PipelineHarness h = new PipelineHarness(NOW)) {
            h.send(electricityPoint(MP, "I.1", false));
            h.send(series(MP, H10, Resolution.PT1H, NOW, 3000L));
            h.send(heatMeter("HM-1", "I.2"));
            h.send(heat("HM-1", H10, 0.0, EnergyUnit.KWH, NOW));
            h.send(heat("HM-1", H10.plus(Duration.ofHours(2)), 4.0, EnergyUnit.KWH, NOW));
            h.send(series(PARKED_MP, H10, Resolution.PT1H, NOW, 1000L));
            h.flush();
            KeyValueStore<String, HourCell> cells = h.driver.getKeyValueStore(StoreNames.FACTOR_CELLS);
            try (var it = cells.all()) {
                assertThat(it.hasNext()).isTrue();
                it.forEachRemaining(kv -> assertThat(HourCell.SERDE.serializer().serialize("", kv.value)[0]).isEqualTo(HourCell.FORMAT_V2));
            }
            for (String store : List.of(StoreNames.INTERVAL_VERSIONS, StoreNames.HEAT_REGISTERS, StoreNames.PRESENCE)) {
                KeyValueStore<String, byte[]> s = h.driver.getKeyValueStore(store);
                List<byte[]> values = new ArrayList<>();
                try (var it = s.all()) {
                    it.forEachRemaining(kv -> values.add(kv.value));
                }
                byte format = store.equals(StoreNames.INTERVAL_VERSIONS) ? DayVersions.FORMAT_V2 : 1;
                assertThat(values).as(store).isNotEmpty().allSatisfy(v -> assertThat(v[0]).as(store).isEqualTo(format));
            }
            assertThat(new CounterSerde().serializer().serialize("", 7L)[0]).isEqualTo((byte) 1);
            MeteringPoint mp = electricityPoint(MP, "I.1", false);
            assertThat(h.serdes.meteringPointState().serializer().serialize("", mp)[0]).isEqualTo((byte) 1);
        }
    }

    @Test
    void shouldReadADayWrittenInFormat1AndWriteItSmallerInFormat2() {
        java.nio.ByteBuffer v1 = java.nio.ByteBuffer.allocate(1 + 4 + 2 * 19);
        v1.put((byte) 1).putShort((short) 96).putShort((short) 2);
        v1.putShort((short) 40).put((byte) 0).putLong(1234L).putLong(1_780_000_000_000L);
        v1.putShort((short) 95).put((byte) 1).putLong(-5L).putLong(1_780_000_060_000L);
        DayVersions day = DayVersions.fromBytes(v1.array());
        byte[] v2 = day.toBytes();
        assertThat(v2[0]).isEqualTo(DayVersions.FORMAT_V2);
        assertThat(v2.length).isLessThan(v1.array().length / 2);
        DayVersions again = DayVersions.fromBytes(v2);
        for (DayVersions d : List.of(day, again)) {
            assertThat(d.slots()).isEqualTo(96);
            assertThat(d.wh(40)).isEqualTo(1234L);
            assertThat(d.wh(95)).isEqualTo(-5L);
            assertThat(d.quality(95)).isEqualTo((byte) 1);
            assertThat(d.present(41)).isFalse();
            assertThat(d.apply(95, -5L, dk.klimaflow.avro.Quality.values()[1], 1_780_000_060_000L, false)).isNull(); // same sentAt kept
            assertThat(d.apply(40, 1L, dk.klimaflow.avro.Quality.values()[0], 1_780_000_000_000L, false)).isNull();
        }
        assertThat(Arrays.copyOf(DayVersions.fromBytes(v2).toBytes(), v2.length)).isEqualTo(v2);
    }

    @Test
    void shouldKeepOrdinaryHeatReadingsInFormat1AndAReplacementInFormat2() {
        byte[] v1 = java.nio.ByteBuffer.allocate(17).put((byte) 1).putLong(5_002_000L).putLong(1_780_000_000_000L).array();
        HeatRegisterValue reading = HeatRegisterValue.fromBytes(v1);
        assertThat(reading.toBytes()).isEqualTo(v1); // an ordinary reading is still written in format 1
        HeatRegisterValue removed = HeatRegisterValue.apply(reading, dk.klimaflow.avro.HeatReadingEvent.METER_REMOVED, 5_002_000L, 1_780_000_060_000L);
        HeatRegisterValue replaced = HeatRegisterValue.apply(removed, dk.klimaflow.avro.HeatReadingEvent.METER_INSTALLED, 3_000L, 1_780_000_000_000L);
        byte[] v2 = replaced.toBytes();
        assertThat(v2[0]).isEqualTo(HeatRegisterValue.FORMAT_V2);
        assertThat(v2[1]).as("event flags, fixed codes").isEqualTo((byte) (HeatRegisterValue.REMOVED | HeatRegisterValue.INSTALLED));
        assertThat(HeatRegisterValue.fromBytes(v2)).isEqualTo(replaced);
        assertThat(replaced.reading(7)).isEqualTo(new dk.klimaflow.domain.RegisterSpreader.Reading(7, 5_002_000L, 3_000L));
        assertThat(HeatRegisterValue.fromBytes(removed.toBytes()).reading(7).startWh()).isEqualTo(dk.klimaflow.domain.RegisterSpreader.NO_REGISTER);
        // an ordinary reading at the instant of a replacement never overrides the replacement's registers
        assertThat(HeatRegisterValue.apply(replaced, dk.klimaflow.avro.HeatReadingEvent.READING, 9_999_000L, 1_790_000_000_000L)).isEqualTo(replaced);
    }

    @Test
    void shouldReadAFactorCellWrittenInFormat1AndWriteItSmallerInFormat2() {
        HourCell cell = new HourCell();
        cell.wh[0] = 2_500L;
        cell.wh[3] = 1_000_000_000_000_000L; // the 1e15 Wh plausibility limit
        cell.municipalWh[1] = 700L;
        cell.milligrams[0] = 123_456L;
        cell.edition[0] = 2;
        java.nio.ByteBuffer v1 = java.nio.ByteBuffer.allocate(101).put(HourCell.FORMAT_V1);
        for (int q = 0; q < HourCell.QUARTERS; q++) {
            v1.putLong(cell.wh[q]).putLong(cell.municipalWh[q]).putLong(cell.milligrams[q]).put(cell.edition[q]);
        }
        byte[] legacy = java.util.Arrays.copyOfRange(v1.array(), 1, 101);
        for (byte[] previous : List.of(v1.array(), legacy)) {
            HourCell read = HourCell.fromBytes(previous);
            assertThat(read.toBytes()).isEqualTo(cell.toBytes());
        }
        byte[] v2 = cell.toBytes();
        assertThat(v2[0]).isEqualTo(HourCell.FORMAT_V2);
        assertThat(v2.length).isLessThan(40);
        HourCell back = HourCell.fromBytes(v2);
        assertThat(back.wh).containsExactly(cell.wh);
        assertThat(back.municipalWh).containsExactly(cell.municipalWh);
        assertThat(back.milligrams).containsExactly(HourCell.fromBytes(v1.array()).milligrams).contains(HourCell.NONE);
        assertThat(back.edition).containsExactly(cell.edition);
    }

    @Test
    void shouldRefuseAnUnknownFormatWithAMessage() {
        byte[] future = {9, 0, 96, 0, 0};
        assertThatThrownBy(() -> DayVersions.fromBytes(future)).isInstanceOf(SerializationException.class).hasMessageContaining("interval-versions");
        assertThatThrownBy(() -> new CounterSerde().deserializer().deserialize("", new byte[] {2, 0, 0})).hasMessageContaining("ingest-counters");
        byte[] cell = new byte[101];
        cell[0] = 9;
        assertThatThrownBy(() -> HourCell.fromBytes(cell)).isInstanceOf(SerializationException.class).hasMessageContaining("unknown format");
        var serde = new InternalSerde<>(MeteringPoint.class);
        assertThatThrownBy(() -> serde.deserializer().deserialize("", new byte[] {3, 1, 2})).isInstanceOf(SerializationException.class)
                .hasMessageContaining("unknown format");
        byte[] unknownSchema = serde.serializer().serialize("", electricityPoint(MP, "I.1", false));
        unknownSchema[3] ^= 0x55; // another writer schema fingerprint
        assertThatThrownBy(() -> serde.deserializer().deserialize("", unknownSchema)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("does not know");
    }

    @Test
    void shouldKeepTheWriterSchemaOfEveryInternalAvroFormat() {
        for (Class<? extends org.apache.avro.specific.SpecificRecord> type : List.of(MeteringPoint.class, ParkedRecord.class, EmissionFactor.class, SectorEmissions.class)) {
            var schema = SpecificData.get().getSchema(type);
            String hex = String.format("%016x", new InternalSerde<>(type).fingerprint());
            // whoever changes one of these schemas adds its new writer schema here, so the next release can still read it
            assertThat(InternalSerde.history(schema, hex)).as("schema-history/%s/%s.avsc", schema.getFullName(), hex).isNotNull();
        }
    }

    @Test
    void shouldRestoreStateWrittenBeforeFormatsWereVersioned() throws IOException {
        try (PipelineHarness h = new PipelineHarness(NOW)) {
            load(h);
            DayVersions day = DayVersions.fromBytes((byte[]) h.driver.getKeyValueStore(StoreNames.INTERVAL_VERSIONS).get(MP + "|1780956000000"));
            assertThat(day.wh(48) + day.wh(49) + day.wh(50) + day.wh(51)).isEqualTo(3000L); // 10:00Z: slot 48 of the local day from 22:00Z
            String dayKey = "0187|I.1|ELECTRICITY|2026-06-09T00:00+02:00";
            h.send(series(MP, H10, Resolution.PT1H, NOW, 3500L)); // a correction of the legacy 3,000 Wh
            h.flush(); // published on its own: a revision of the legacy window
            h.send(electricityPoint(PARKED_MP, "I.1", false)); // releases the legacy parked reading of 1,000 Wh
            h.send(heat("HM-1", H10.plus(Duration.ofHours(3)), 5.0, EnergyUnit.KWH, NOW)); // continues the legacy registers
            h.flush();
            SectorEmissions electricity = h.latest(Granularity.DAY, dayKey);
            assertThat(electricity.getEnergyWh()).isEqualTo(4500L);
            assertThat(electricity.getMeteringPoints()).isEqualTo(2);
            assertThat(electricity.getCo2eMicrograms()).isEqualTo(4500L * 100_000); // the legacy cell's ACTUAL factor, 100 g/kWh
            assertThat(electricity.getRevision()).isGreaterThan(2);
            SectorEmissions heat = h.latest(Granularity.DAY, "0187|I.2|DISTRICT_HEATING|2026-06-09T00:00+02:00");
            assertThat(heat.getEnergyWh()).isEqualTo(5000L);
            assertThat(heat.getMeteringPoints()).isEqualTo(1);
            assertThat(h.counters()).containsEntry("in", 6L).containsEntry("accepted", 6L).containsEntry("parked", 0L);
        }
    }

    /** Puts every legacy value into the store it came from, read by this release's readers where a store is typed. */
    private static void load(PipelineHarness h) throws IOException {
        // the parked record is in registry wire format: give its schema the id the legacy run's registry gave it (the registry,
        // not the pipeline, keeps ids across an upgrade)
        h.serdes.meteringPoint().serialize(dk.klimaflow.config.Topics.METERING_POINTS, electricityPoint(MP, "I.1", false));
        h.serdes.emissionFactor().serialize(dk.klimaflow.config.Topics.EMISSION_FACTORS, PipelineHarness.factor(dk.klimaflow.avro.Carrier.ELECTRICITY,
                "DK2", H10, Duration.ofHours(1), 100.0, "125%", dk.klimaflow.avro.Edition.ACTUAL));
        String tsv;
        try (InputStream in = StateFormatTest.class.getResourceAsStream("/state/legacy-unversioned/stores.tsv")) {
            tsv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String line : tsv.split("\n")) {
            String[] f = line.split("\t");
            byte[] bytes = HexFormat.of().parseHex(f[2]);
            Function<byte[], ?> read = switch (f[0]) {
                case StoreNames.METERING_POINTS -> b -> h.serdes.meteringPointState().deserializer().deserialize("", b);
                case StoreNames.PARKED -> b -> h.serdes.parkedState().deserializer().deserialize("", b);
                case StoreNames.FACTORS -> b -> h.serdes.factorState().deserializer().deserialize("", b);
                case StoreNames.SECTOR_EMISSIONS -> b -> h.serdes.sectorEmissionsState().deserializer().deserialize("", b);
                case StoreNames.COUNTERS -> b -> new CounterSerde().deserializer().deserialize("", b);
                case StoreNames.FACTOR_CELLS -> HourCell::fromBytes;
                default -> b -> b;
            };
            if (f[0].equals(StoreNames.SECTOR_EMISSIONS)) {
                h.driver.<String, Object>getTimestampedKeyValueStore(f[0]).put(f[1], ValueAndTimestamp.make(read.apply(bytes), NOW.toEpochMilli()));
            } else {
                h.driver.<String, Object>getKeyValueStore(f[0]).put(f[1], read.apply(bytes));
            }
        }
    }
}
