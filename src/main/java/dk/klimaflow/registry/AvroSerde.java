package dk.klimaflow.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for one generated Avro type in Confluent wire format: magic byte 0, 4-byte big-endian schema id, Avro binary. The
 * subject is {@code <topic>-value} (or {@code -key}); with {@code autoRegister} the writer schema is registered on first use,
 * otherwise it must already be registered (production). Reading resolves the writer schema by id against the generated
 * class's schema, so records written with an older or newer compatible schema are read.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {
    public static final byte MAGIC = 0;

    static {
        trustGeneratedClasses();
    }

    private final Class<T> type;
    private final Schema readerSchema;
    private final SchemaRegistry registry;
    private final boolean autoRegister;
    private final boolean isKey;
    private final Map<String, Integer> writerIds = new ConcurrentHashMap<>();
    private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();
    private final SpecificDatumWriter<T> writer;
    /** A buffered encoder per thread, re-pointed at each record's stream (the direct encoder wrote byte by byte). */
    private final ThreadLocal<BinaryEncoder> encoders = new ThreadLocal<>();

    public AvroSerde(Class<T> type, SchemaRegistry registry, boolean autoRegister, boolean isKey) {
        this.type = type;
        this.readerSchema = SpecificData.get().getSchema(type);
        this.registry = registry;
        this.autoRegister = autoRegister;
        this.isKey = isKey;
        this.writer = new SpecificDatumWriter<>(readerSchema);
    }

    /** Lets Avro instantiate the generated contracts (see {@link AvroTrust}); idempotent. */
    public static void trustGeneratedClasses() {
        AvroTrust.ensure();
    }

    public static <T extends SpecificRecord> AvroSerde<T> forValue(Class<T> type, SchemaRegistry registry, boolean autoRegister) {
        return new AvroSerde<>(type, registry, autoRegister, false);
    }

    public Schema schema() { return readerSchema; }

    public String subject(String topic) { return topic + (isKey ? "-key" : "-value"); }

    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        int id = writerIds.computeIfAbsent(subject(topic), s -> autoRegister ? registry.register(s, readerSchema) : registry.idOf(s, readerSchema));
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(128);
            out.write(MAGIC);
            out.write(ByteBuffer.allocate(4).putInt(id).array());
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, encoders.get()); // buffered: one write into out
            encoders.set(encoder);
            writer.write(data, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot serialize " + type.getSimpleName() + " for topic " + topic + ": " + e.getMessage(), e);
        }
    }

    /**
     * Decodes Confluent wire format; throws {@link SerializationException} for bad magic, an id the registry definitely does not
     * know (404 / 40403) or bad Avro, and {@link SchemaRegistryUnavailableException} when the registry gives no definite answer
     * (an outage: the caller must retry the record, never reject it).
     */
    public T deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (bytes.length < 5 || bytes[0] != MAGIC) {
            throw new SerializationException("not Confluent wire format (magic byte 0 + 4-byte schema id) on " + topic);
        }
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        DatumReader<T> reader;
        try {
            reader = readers.computeIfAbsent(id, i -> new SpecificDatumReader<>(registry.schemaById(i), readerSchema));
        } catch (SchemaRegistryException e) {
            if (e.schemaNotFound() || e.httpStatus() == 200) { // the registry's definite answer: no such (Avro) schema
                throw new SerializationException("unknown schema id " + id + " on " + topic + ": " + e.getMessage(), e);
            }
            throw new SchemaRegistryUnavailableException("schema registry gave no definite answer for schema id " + id + " on "
                    + topic + "; the record is retried, not rejected: " + e.getMessage(), e);
        } catch (SchemaRegistryUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SerializationException("schema id " + id + " on " + topic + " is not a readable Avro schema: " + e, e);
        }
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null);
            T value = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new SerializationException("trailing bytes after Avro record");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot decode " + type.getSimpleName() + " (schema id " + id + ") on " + topic + ": " + e, e);
        }
    }

    @Override
    public Serializer<T> serializer() { return this::serialize; }

    @Override
    public Deserializer<T> deserializer() { return this::deserialize; }
}
