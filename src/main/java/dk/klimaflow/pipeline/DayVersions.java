package dk.klimaflow.pipeline;

import dk.klimaflow.avro.Quality;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The latest version of every quarter-hour of one metering point in one local day (store {@code interval-versions}, key
 * {@code meteringPointId|dayStart}): energy, quality and sentAt per slot, packed in one value so state grows with metering
 * points x days rather than x intervals. A slot is replaced only by a strictly later sentAt (equal sentAt: the first wins),
 * except for authoritative values (heat energy the pipeline derives itself from registers), which always replace.
 */
final class DayVersions {
    static final byte ABSENT = -1;
    static final byte FORMAT_V1 = 1;
    /** First byte of the legacy, unversioned layout. */
    private static final byte LEGACY = 0;

    private final long[] wh;
    private final byte[] quality;
    private final long[] sentAt;
    /** True once an apply changed anything to persist: content, or only the sentAt of an identical re-send. */
    private boolean dirty;

    /** What a slot held before and holds now; {@code before == ABSENT} for a first version. */
    record Change(byte qualityBefore, long whBefore, byte qualityAfter, long whAfter) {
        boolean restates() {
            return qualityBefore != ABSENT;
        }
    }

    DayVersions(int slots) {
        wh = new long[slots];
        quality = new byte[slots];
        sentAt = new long[slots];
        Arrays.fill(quality, ABSENT);
    }

    int slots() {
        return wh.length;
    }

    long wh(int slot) {
        return wh[slot];
    }

    byte quality(int slot) {
        return quality[slot];
    }

    boolean present(int slot) {
        return quality[slot] != ABSENT;
    }

    boolean anyPresent(int from, int to) {
        for (int i = Math.max(0, from); i < Math.min(to, quality.length); i++) {
            if (quality[i] != ABSENT) {
                return true;
            }
        }
        return false;
    }

    /**
     * Applies a version to a slot; returns the change, or null when it changes no energy (older, or identical). An identical
     * re-send with a later sentAt still raises the slot's sentAt (see {@link #dirty()}): an older version arriving after it
     * must lose against it.
     */
    Change apply(int slot, Long energyWh, Quality q, long sent, boolean authoritative) {
        byte newQuality = (byte) q.ordinal();
        long newWh = energyWh == null ? 0 : energyWh;
        if (present(slot) && !authoritative && sentAt[slot] >= sent) {
            return null;
        }
        Change change = new Change(quality[slot], wh[slot], newQuality, newWh);
        if (sent > sentAt[slot]) {
            sentAt[slot] = sent;
            dirty = true;
        }
        if (present(slot) && quality[slot] == newQuality && wh[slot] == newWh) {
            return null;
        }
        dirty = true;
        quality[slot] = newQuality;
        wh[slot] = newWh;
        return change;
    }

    /** Whether this day must be written back: some apply changed a slot or raised its sentAt. */
    boolean dirty() {
        return dirty;
    }

    /**
     * Format 1: a format byte ({@link #FORMAT_V1}), the number of slots and of present slots (shorts), then per present slot
     * its index (short), quality (byte), Wh and sentAt (longs). The legacy layout (before formats were versioned) is the same
     * without the format byte; it is told apart by its first byte, the high byte of the slot count (at most 100), always 0.
     */
    byte[] toBytes() {
        int count = 0;
        for (byte b : quality) {
            if (b != ABSENT) {
                count++;
            }
        }
        ByteBuffer buf = ByteBuffer.allocate(1 + 4 + count * (2 + 1 + 8 + 8));
        buf.put(FORMAT_V1).putShort((short) wh.length).putShort((short) count);
        for (int i = 0; i < wh.length; i++) {
            if (quality[i] != ABSENT) {
                buf.putShort((short) i).put(quality[i]).putLong(wh[i]).putLong(sentAt[i]);
            }
        }
        return buf.array();
    }

    static DayVersions fromBytes(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        StateFormats.expect(StoreNames.INTERVAL_VERSIONS, bytes, bytes.length > 0 && (bytes[0] == FORMAT_V1 || bytes[0] == LEGACY), FORMAT_V1);
        if (bytes[0] == FORMAT_V1) {
            buf.get();
        }
        DayVersions d = new DayVersions(buf.getShort());
        int count = buf.getShort();
        for (int n = 0; n < count; n++) {
            int i = buf.getShort();
            d.quality[i] = buf.get();
            d.wh[i] = buf.getLong();
            d.sentAt[i] = buf.getLong();
        }
        return d;
    }
}
