package dk.klimaflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dk.klimaflow.avro.ReasonCode;
import dk.klimaflow.avro.RejectedRecord;
import dk.klimaflow.config.Topics;
import dk.klimaflow.registry.AvroSerde;
import dk.klimaflow.registry.InMemorySchemaRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroJsonTest {
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    @Test
    void shouldPrintBytesAsBase64TimestampsAsInstantsAndEnumsAsSymbols() {
        RejectedRecord rejected = RejectedRecord.newBuilder()
                .setSourceTopic(Topics.ELECTRICITY).setPartition(3).setOffset(42L)
                .setKey(ByteBuffer.wrap("571313100000000001".getBytes(StandardCharsets.UTF_8)))
                .setValue(ByteBuffer.wrap(new byte[] {0, 1, (byte) 0xff}))
                .setReasonCode(ReasonCode.MALFORMED).setReason("not Confluent wire format")
                .setRejectedAt(Instant.parse("2026-02-03T04:05:06.007Z"))
                .build();
        byte[] wire = AvroSerde.forValue(RejectedRecord.class, registry, true).serialize(Topics.REJECTED, rejected);

        JsonNode json = new AvroJson(registry).decode(wire);

        assertThat(json.get("key").asText()).isEqualTo("NTcxMzEzMTAwMDAwMDAwMDAx");
        assertThat(json.get("value").asText()).isEqualTo("AAH/");
        assertThat(json.get("reasonCode").asText()).isEqualTo("MALFORMED");
        assertThat(json.get("rejectedAt").asText()).isEqualTo("2026-02-03T04:05:06.007Z");
        assertThat(json.get("offset").asLong()).isEqualTo(42L);
    }

    @Test
    void shouldRefuseBytesThatAreNotConfluentWireFormat() {
        assertThatThrownBy(() -> new AvroJson(registry).decode("{\"json\":1}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("magic byte 0");
    }

    @Test
    void shouldReportAnUnknownSchemaIdAsADecodingError() {
        assertThatThrownBy(() -> new AvroJson(registry).decode(new byte[] {0, 0, 0, 0, 99, 2}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("unknown schema id 99");
    }
}
