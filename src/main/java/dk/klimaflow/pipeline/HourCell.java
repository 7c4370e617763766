package dk.klimaflow.pipeline;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Energy of one task's metering points in one aggregate cell and hour, per quarter-hour, with the factor applied to it (store
 * {@code factor-cells}, key {@code carrier|area|hourStart|municipality|sector}). Keeping the energy per factor area and
 * quarter is what lets a factor that arrives or is revised later restate CO2e exactly: the change is Wh x (new - old).
 * {@code milligrams == NONE} marks energy still pending a factor.
 */
final class HourCell {
    static final long NONE = -1;
    static final int QUARTERS = 4;
    static final byte FORMAT_V1 = 1;
    static final byte FORMAT_V2 = 2;
    private static final int LEGACY_LENGTH = QUARTERS * 25;

    final long[] wh = new long[QUARTERS];
    final long[] municipalWh = new long[QUARTERS];
    final long[] milligrams = new long[QUARTERS];
    final byte[] edition = new byte[QUARTERS];

    /** The stored format (see {@link #toBytes()}), for the write-behind {@code factor-cells} store and its changelog. */
    static final Serde<HourCell> SERDE = Serdes.serdeFrom((topic, cell) -> cell == null ? null : cell.toBytes(),
            (topic, bytes) -> bytes == null ? null : fromBytes(bytes));

    HourCell() {
        Arrays.fill(milligrams, NONE);
        Arrays.fill(edition, (byte) -1);
    }

    /** A copy to change: the store keeps the objects it returns. */
    HourCell copy() {
        HourCell c = new HourCell();
        System.arraycopy(wh, 0, c.wh, 0, QUARTERS);
        System.arraycopy(municipalWh, 0, c.municipalWh, 0, QUARTERS);
        System.arraycopy(milligrams, 0, c.milligrams, 0, QUARTERS);
        System.arraycopy(edition, 0, c.edition, 0, QUARTERS);
        return c;
    }

    /**
     * Format 2: a format byte ({@link #FORMAT_V2}), then per quarter Wh, municipal Wh and mg/kWh as zig-zag varlongs and the
     * edition (byte): about 30 bytes instead of 101, and a cell is changelogged at every commit that changes it. Format 1
     * (format byte 1, then per quarter the three as 8-byte longs and the edition; 101 bytes) and the legacy layout (the same
     * without the format byte, 100 bytes, written before formats were versioned; its first byte is 0 or -1, as no Wh reaches
     * 2^56) are still read.
     */
    byte[] toBytes() {
        VarBytes out = new VarBytes(32);
        out.put(FORMAT_V2);
        for (int q = 0; q < QUARTERS; q++) {
            out.putVarlong(wh[q]).putVarlong(municipalWh[q]).putVarlong(milligrams[q]).put(edition[q]);
        }
        return out.toByteArray();
    }

    static HourCell fromBytes(byte[] bytes) {
        if (bytes.length > 0 && bytes[0] == FORMAT_V2) { // at most 85 bytes, and never the legacy layout's first byte
            VarBytes.Reader in = new VarBytes.Reader(bytes, 1);
            HourCell c = new HourCell();
            for (int q = 0; q < QUARTERS; q++) {
                c.wh[q] = in.getVarlong();
                c.municipalWh[q] = in.getVarlong();
                c.milligrams[q] = in.getVarlong();
                c.edition[q] = in.get();
            }
            return c;
        }
        boolean v1 = bytes.length == 1 + LEGACY_LENGTH && bytes[0] == FORMAT_V1;
        StateFormats.expect(StoreNames.FACTOR_CELLS, bytes, v1 || bytes.length == LEGACY_LENGTH, FORMAT_V2);
        ByteBuffer buf = ByteBuffer.wrap(bytes, v1 ? 1 : 0, LEGACY_LENGTH);
        HourCell c = new HourCell();
        for (int q = 0; q < QUARTERS; q++) {
            c.wh[q] = buf.getLong();
            c.municipalWh[q] = buf.getLong();
            c.milligrams[q] = buf.getLong();
            c.edition[q] = buf.get();
        }
        return c;
    }
}
