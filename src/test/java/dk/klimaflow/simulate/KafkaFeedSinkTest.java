package dk.klimaflow.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.klimaflow.avro.ElectricityTimeSeries;
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
}
