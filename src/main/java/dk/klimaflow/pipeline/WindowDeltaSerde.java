package dk.klimaflow.pipeline;

import java.io.ByteArrayOutputStream;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The aggregate-deltas topic's value format: a format byte ({@link #FORMAT_V1}), a field count, then that many zig-zag
 * varlongs in the order of {@link WindowDelta#fields()}. The count lets a later release append fields and still read a V1
 * record (missing fields are 0: the 14-field records written before production, exchange and child energy were appended read
 * as none of it); an unknown format byte is refused with a message, never guessed. About 20 bytes per change,
 * against about 60 for the Avro record it replaces, and no schema resolution on the hot path.
 */
final class WindowDeltaSerde implements Serde<WindowDelta> {
    static final byte FORMAT_V1 = 1;
    static final int FIELDS = 17;

    @Override
    public Serializer<WindowDelta> serializer() {
        return (topic, d) -> d == null ? null : write(d);
    }

    @Override
    public Deserializer<WindowDelta> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    static byte[] write(WindowDelta d) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32);
        out.write(FORMAT_V1);
        out.write(FIELDS);
        for (long v : d.fields()) {
            long z = (v << 1) ^ (v >> 63);
            while ((z & ~0x7FL) != 0) {
                out.write((int) ((z & 0x7F) | 0x80));
                z >>>= 7;
            }
            out.write((int) z);
        }
        return out.toByteArray();
    }

    static WindowDelta read(byte[] bytes) {
        if (bytes.length < 2 || bytes[0] != FORMAT_V1) {
            throw new SerializationException("aggregate delta in unknown format " + (bytes.length == 0 ? "(empty)" : bytes[0])
                    + "; this release reads format " + FORMAT_V1 + ": drain the aggregate-deltas topic with the release that wrote it");
        }
        int count = bytes[1];
        long[] f = new long[FIELDS];
        int pos = 2;
        for (int i = 0; i < count; i++) {
            long z = 0;
            int shift = 0;
            byte b;
            do {
                if (pos >= bytes.length || shift > 63) {
                    throw new SerializationException("truncated aggregate delta");
                }
                b = bytes[pos++];
                z |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            if (i < FIELDS) {
                f[i] = (z >>> 1) ^ -(z & 1);
            }
        }
        return WindowDelta.ofFields(f);
    }
}
