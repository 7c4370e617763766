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

    private final long[] wh;
    private final byte[] quality;
    private final long[] sentAt;

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

    /** Applies a version to a slot; returns the change, or null when it changes nothing (older, or identical). */
    Change apply(int slot, Long energyWh, Quality q, long sent, boolean authoritative) {
        byte newQuality = (byte) q.ordinal();
        long newWh = energyWh == null ? 0 : energyWh;
        if (present(slot) && !authoritative && sentAt[slot] >= sent) {
            return null;
        }
        Change change = new Change(quality[slot], wh[slot], newQuality, newWh);
        sentAt[slot] = Math.max(sentAt[slot], sent);
        if (present(slot) && quality[slot] == newQuality && wh[slot] == newWh) {
            return null;
        }
        quality[slot] = newQuality;
        wh[slot] = newWh;
        return change;
    }

    byte[] toBytes() {
        int count = 0;
        for (byte b : quality) {
            if (b != ABSENT) {
                count++;
            }
        }
        ByteBuffer buf = ByteBuffer.allocate(4 + count * (2 + 1 + 8 + 8));
        buf.putShort((short) wh.length).putShort((short) count);
        for (int i = 0; i < wh.length; i++) {
            if (quality[i] != ABSENT) {
                buf.putShort((short) i).put(quality[i]).putLong(wh[i]).putLong(sentAt[i]);
            }
        }
        return buf.array();
    }

    static DayVersions fromBytes(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
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
