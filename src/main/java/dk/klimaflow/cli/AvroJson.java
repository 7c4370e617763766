package dk.klimaflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.klimaflow.registry.AvroSerde;
import dk.klimaflow.registry.SchemaRegistry;
import dk.klimaflow.registry.SchemaRegistryException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Turns a Confluent wire-format value (magic byte 0, schema id, Avro binary) into JSON, read with the writer's schema from the
 * registry, so any producer's compatible schema version prints as written. Timestamps print as ISO-8601 instants, bytes as
 * base64 (the key and value of a rejected record), enums as their symbol, unions as the chosen branch.
 */
final class AvroJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final SchemaRegistry registry;
    private final Map<Integer, GenericDatumReader<Object>> readers = new ConcurrentHashMap<>();

    AvroJson(SchemaRegistry registry) {
        this.registry = registry;
    }

    /** Decodes one value; throws {@link SerializationException} if it is not Confluent wire format or not valid Avro. */
    JsonNode decode(byte[] wire) {
        if (wire.length < 5 || wire[0] != AvroSerde.MAGIC) {
            throw new SerializationException("not Confluent wire format (magic byte 0 + 4-byte schema id)");
        }
        int id = ByteBuffer.wrap(wire, 1, 4).getInt();
        GenericDatumReader<Object> reader;
        try {
            reader = readers.computeIfAbsent(id, i -> new GenericDatumReader<>(registry.schemaById(i)));
        } catch (SchemaRegistryException e) {
            if (e.httpStatus() != 404) {
                throw e;
            }
            throw new SerializationException("unknown schema id " + id + ": " + e.getMessage(), e);
        }
        try {
            Object datum = reader.read(null, DecoderFactory.get().binaryDecoder(wire, 5, wire.length - 5, null));
            return toJson(datum, reader.getSchema());
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot decode Avro with schema id " + id + ": " + e.getMessage(), e);
        }
    }

    static JsonNode toJson(Object datum, Schema schema) {
        if (datum == null) {
            return NODES.nullNode();
        }
        LogicalType logical = schema.getLogicalType();
        switch (schema.getType()) {
            case RECORD:
                ObjectNode object = NODES.objectNode();
                IndexedRecord record = (IndexedRecord) datum;
                for (Schema.Field field : schema.getFields()) {
                    object.set(field.name(), toJson(record.get(field.pos()), field.schema()));
                }
                return object;
            case UNION:
                int branch = GenericData.get().resolveUnion(schema, datum);
                return toJson(datum, schema.getTypes().get(branch));
            case ARRAY:
                ArrayNode array = NODES.arrayNode();
                for (Object item : (Iterable<?>) datum) {
                    array.add(toJson(item, schema.getElementType()));
                }
                return array;
            case MAP:
                ObjectNode map = NODES.objectNode();
                ((Map<?, ?>) datum).forEach((k, v) -> map.set(k.toString(), toJson(v, schema.getValueType())));
                return map;
            case BYTES:
                ByteBuffer buffer = ((ByteBuffer) datum).duplicate();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
            case FIXED:
                return NODES.textNode(Base64.getEncoder().encodeToString(((GenericFixed) datum).bytes()));
            case LONG:
                if (logical != null && logical.getName().equals("timestamp-millis")) {
                    return NODES.textNode(Instant.ofEpochMilli((Long) datum).toString());
                }
                return NODES.numberNode((Long) datum);
            case INT:
                if (logical != null && logical.getName().equals("date")) {
                    return NODES.textNode(LocalDate.ofEpochDay((Integer) datum).toString());
                }
                return NODES.numberNode((Integer) datum);
            case DOUBLE:
                return NODES.numberNode((Double) datum);
            case FLOAT:
                return NODES.numberNode((Float) datum);
            case BOOLEAN:
                return NODES.booleanNode((Boolean) datum);
            case NULL:
                return NODES.nullNode();
            default:
                return NODES.textNode(datum.toString());
        }
    }
}
