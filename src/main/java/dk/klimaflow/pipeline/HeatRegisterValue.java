package dk.klimaflow.pipeline;

import java.nio.ByteBuffer;

/**
 * The value of one heat reading in store {@code heat-registers} (key {@code meterId|readAt}): the register in Wh and the
 * reading's sentAt. Format 1: a format byte ({@link #FORMAT_V1}) then both as longs; the legacy layout (before formats were
 * versioned) is the two longs alone, told apart by its length.
 */
record HeatRegisterValue(long registerWh, long sentAt) {
    static final byte FORMAT_V1 = 1;
    private static final int LEGACY_LENGTH = 16;

    byte[] toBytes() {
        return ByteBuffer.allocate(1 + LEGACY_LENGTH).put(FORMAT_V1).putLong(registerWh).putLong(sentAt).array();
    }

    static HeatRegisterValue fromBytes(byte[] bytes) {
        boolean v1 = bytes.length == 1 + LEGACY_LENGTH && bytes[0] == FORMAT_V1;
        StateFormats.expect(StoreNames.HEAT_REGISTERS, bytes, v1 || bytes.length == LEGACY_LENGTH, FORMAT_V1);
        ByteBuffer buf = ByteBuffer.wrap(bytes, v1 ? 1 : 0, LEGACY_LENGTH);
        return new HeatRegisterValue(buf.getLong(), buf.getLong());
    }
}
