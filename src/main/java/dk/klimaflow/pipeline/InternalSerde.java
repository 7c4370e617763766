package dk.klimaflow.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryEncoder;
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
 * Avro binary of a generated type, without the registry, for state stores and the pipeline's own internal topics (a registry
 * round trip buys nothing on the hot path; public topics always use {@link dk.klimaflow.registry.AvroSerde}). Format 1: a
 * format byte ({@link #FORMAT_V1}), the writer schema's 64-bit parsing fingerprint, then the Avro binary. A reader resolves
 * any writer schema kept in {@code schema-history/<full name>/<fingerprint hex>.avsc} on the class path (so a release that
 * changes a schema still restores state written by the one before), reads the legacy layout (bare Avro binary, written before
 * formats were versioned, with {@code legacy.avsc}; its first byte is always even because every such type starts with a
 * string or an enum) and refuses anything else with a message.
 */
public final class InternalSerde<T extends SpecificRecord> implements Serde<T> {
    static final byte FORMAT_V1 = 1;
    private static final int HEADER = 1 + 8;

    private final Schema schema;
    private final long fingerprint;
    private final SpecificDatumWriter<T> writer;
    private final SpecificDatumReader<T> reader;
    private final Map<Long, SpecificDatumReader<T>> resolving = new ConcurrentHashMap<>();
    /** The format byte and fingerprint that start every value this release writes. */
    private final byte[] header;
    /** A buffered encoder per thread, re-pointed at each value's stream (the direct encoder wrote byte by byte). */
    private final ThreadLocal<BinaryEncoder> encoders = new ThreadLocal<>();

    public InternalSerde(Class<T> type) {
        dk.klimaflow.registry.AvroTrust.ensure();
        this.schema = SpecificData.get().getSchema(type);
        this.fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        this.header = ByteBuffer.allocate(HEADER).put(FORMAT_V1).putLong(fingerprint).array();
        this.writer = new SpecificDatumWriter<>(schema);
        this.reader = new SpecificDatumReader<>(schema);
        Schema.Type first = schema.getFields().get(0).schema().getType();
        if (first != Schema.Type.STRING && first != Schema.Type.ENUM) {
            throw new IllegalArgumentException(schema.getFullName() + " starts with a " + first
                    + ": the legacy layout could not be told apart from format " + FORMAT_V1);
        }
    }

    /** The fingerprint this release writes. */
    long fingerprint() {
        return fingerprint;
    }

    /** The writer schema text kept for {@code name} (the fingerprint in hex, or "legacy"), or null. */
    static String history(Schema schema, String name) {
        try (InputStream in = InternalSerde.class.getResourceAsStream("/schema-history/" + schema.getFullName() + "/" + name + ".avsc")) {
            return in == null ? null : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream(96);
                out.write(header);
                BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, encoders.get()); // buffered: one write into out
                encoders.set(encoder);
                writer.write(data, encoder);
                encoder.flush();
                return out.toByteArray();
            } catch (IOException e) {
                throw new SerializationException("cannot write " + schema.getName(), e);
            }
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    private T read(byte[] bytes) {
        try {
            if (bytes.length >= HEADER && bytes[0] == FORMAT_V1) {
                long writtenWith = ByteBuffer.wrap(bytes, 1, 8).getLong();
                SpecificDatumReader<T> r = writtenWith == fingerprint ? reader : resolving.computeIfAbsent(writtenWith, this::historic);
                return r.read(null, DecoderFactory.get().binaryDecoder(bytes, HEADER, bytes.length - HEADER, null));
            }
            if (bytes.length == 0 || (bytes[0] & 1) == 0) {
                return resolving.computeIfAbsent(0L, f -> historic("legacy")).read(null, DecoderFactory.get().binaryDecoder(bytes, null));
            }
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot read " + schema.getName() + ": " + e.getMessage(), e);
        }
        StateFormats.expect(schema.getName() + " state", bytes, false, FORMAT_V1);
        return null;
    }

    private SpecificDatumReader<T> historic(long writtenWith) {
        return historic(String.format("%016x", writtenWith));
    }

    private SpecificDatumReader<T> historic(String name) {
        String text = history(schema, name);
        if (text == null) {
            throw new SerializationException(schema.getName() + " state was written with schema " + name
                    + ", which this release does not know (no schema-history/" + schema.getFullName() + "/" + name
                    + ".avsc): it was written by a newer release, run that release or restore its state");
        }
        return new SpecificDatumReader<>(new Schema.Parser().parse(text), schema);
    }
}
