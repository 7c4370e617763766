package dk.klimaflow.pipeline;

import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A growable byte buffer with zig-zag varlongs (the Avro/protobuf encoding: small magnitudes, positive or negative, take few
 * bytes) for the compact store formats, and its {@link Reader}. Input and output: bytes; no keys.
 */
final class VarBytes {
    private byte[] buf;
    private int size;

    VarBytes(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    VarBytes put(byte b) {
        if (size == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        buf[size++] = b;
        return this;
    }

    VarBytes putVarlong(long v) {
        long z = (v << 1) ^ (v >> 63);
        while ((z & ~0x7FL) != 0) {
            put((byte) ((z & 0x7F) | 0x80));
            z >>>= 7;
        }
        return put((byte) z);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /** Reads what {@link VarBytes} wrote; a truncated value throws a {@link SerializationException}. */
    static final class Reader {
        private final byte[] bytes;
        private int pos;

        Reader(byte[] bytes, int offset) {
            this.bytes = bytes;
            this.pos = offset;
        }

        byte get() {
            if (pos >= bytes.length) {
                throw new SerializationException("truncated value (" + bytes.length + " bytes)");
            }
            return bytes[pos++];
        }

        long getVarlong() {
            long z = 0;
            int shift = 0;
            byte b;
            do {
                if (shift > 63) {
                    throw new SerializationException("malformed varlong");
                }
                b = get();
                z |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            return (z >>> 1) ^ -(z & 1);
        }
    }
}
