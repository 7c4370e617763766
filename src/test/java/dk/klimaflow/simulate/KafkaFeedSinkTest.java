package dk.klimaflow.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.klimaflow.avro.DistrictHeatingSeries;
import dk.klimaflow.avro.ElectricityTimeSeries;
import dk.klimaflow.avro.EnergyUnit;
import dk.klimaflow.avro.HeatReadingEvent;
import dk.klimaflow.avro.HeatRegisterPoint;
import dk.klimaflow.avro.Point;
import dk.klimaflow.avro.Quality;
import dk.klimaflow.avro.Resolution;
import dk.klimaflow.config.Topics;
import dk.klimaflow.registry.AvroSerde;
import dk.klimaflow.registry.InMemorySchemaRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KafkaFeedSinkTest {

    @BeforeAll
    static void trustGeneratedClasses() {
        dk.klimaflow.registry.AvroTrust.ensure();
    }

    @Test
    void shouldUseAnIdempotentLz4ProducerWithOnlyProducerSettings() {
        Properties client = new Properties();
        client.setProperty("bootstrap.servers", "127.0.0.1:19092");
        client.setProperty("application.id", "klimaflow");
        client.setProperty("klimaflow.topic.partitions", "6");
        client.setProperty("enable.idempotence", "false");

        Properties settings = KafkaFeedSink.producerSettings(client);

        assertThat(settings).containsEntry("bootstrap.servers", "127.0.0.1:19092").containsEntry("enable.idempotence", "true")
                .containsEntry("acks", "all").containsEntry("linger.ms", "20").containsEntry("compression.type", "lz4")
                .doesNotContainKeys("application.id", "klimaflow.topic.partitions");
    }

    @Test
    void shouldNameTheMissingBootstrapServers() {
        assertThatThrownBy(() -> KafkaFeedSink.producerSettings(new Properties())).hasMessageContaining("bootstrap.servers");
    }

    @Test
    void shouldWriteValuesInConfluentWireFormatThatTheSerdeReads() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        Properties client = new Properties();
        client.setProperty("bootstrap.servers", "127.0.0.1:1");
        ElectricityTimeSeries series = ElectricityTimeSeries.newBuilder().setMeteringPointId("571313100000000008").setUtilityId("5790000705689")
                .setPeriodStart(Instant.parse("2024-01-15T00:00:00Z")).setResolution(Resolution.PT1H)
                .setPoints(List.of(new Point(512L, Quality.MEASURED), new Point(null, Quality.MISSING)))
                .setSentAt(Instant.parse("2024-01-15T02:00:00Z")).build();

        byte[] bytes;
        try (KafkaFeedSink sink = new KafkaFeedSink(client, registry, true)) {
            bytes = sink.encode(Topics.ELECTRICITY, series);
        }

        assertThat(bytes[0]).isEqualTo(AvroSerde.MAGIC);
        assertThat(AvroSerde.forValue(ElectricityTimeSeries.class, registry, false).deserialize(Topics.ELECTRICITY, bytes)).isEqualTo(series);
    }

    @Test
    void shouldWriteAHeatSeriesUnderItsTopicsValueSubject() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        Properties client = new Properties();
        client.setProperty("bootstrap.servers", "127.0.0.1:1");
        DistrictHeatingSeries series = new DistrictHeatingSeries("HM-0187-000001", VallensbaekRegister.HEAT_COMPANY, EnergyUnit.MWH,
                List.of(new HeatRegisterPoint(Instant.parse("2024-01-15T01:00:00Z"), 812.345, 1_234.5, 71.2, 40.1, HeatReadingEvent.READING),
                        new HeatRegisterPoint(Instant.parse("2024-01-15T02:00:00Z"), 812.351, 1_234.6, null, null, HeatReadingEvent.READING)),
                Instant.parse("2024-01-15T04:00:00Z"));

        byte[] bytes;
        try (KafkaFeedSink sink = new KafkaFeedSink(client, registry, true)) {
            bytes = sink.encode(Topics.DISTRICT_HEATING_SERIES, series);
        }

        assertThat(bytes[0]).isEqualTo(AvroSerde.MAGIC);
        assertThat(registry.idOf("energy.district-heating.series-value", DistrictHeatingSeries.getClassSchema()))
                .isEqualTo(java.nio.ByteBuffer.wrap(bytes, 1, 4).getInt());
        assertThat(AvroSerde.forValue(DistrictHeatingSeries.class, registry, false).deserialize(Topics.DISTRICT_HEATING_SERIES, bytes))
                .isEqualTo(series);
    }
}
