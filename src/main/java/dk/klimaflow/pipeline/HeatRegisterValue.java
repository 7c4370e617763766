package dk.klimaflow.pipeline;

import dk.klimaflow.avro.HeatReadingEvent;
import dk.klimaflow.domain.RegisterSpreader;
import java.nio.ByteBuffer;

/**
 * The value of the readings of one heat meter at one instant in store {@code heat-registers} (key {@code meterId|readAt}):
 * the register that ends the segment before the instant and the one that starts the segment after it, each with the sentAt
 * of the reading that set it, and whether the instant holds the old meter's final reading (METER_REMOVED) and/or the new
 * meter's start reading (METER_INSTALLED) of a replacement. Format 1 (an ordinary reading, both sides equal): a format byte
 * ({@link #FORMAT_V1}) then register and sentAt as longs; the legacy layout (before formats were versioned) is the two longs
 * alone, told apart by its length. Format 2 (an instant with a replacement event): {@link #FORMAT_V2}, an event-flags byte
 * (bit 0 removed, bit 1 installed: fixed codes, never enum ordinals), then end register, end sentAt, start register, start
 * sentAt as longs. Ordinary readings keep being written in format 1.
 */
record HeatRegisterValue(int events, long endWh, long endSentAt, long startWh, long startSentAt) {
    static final byte FORMAT_V1 = 1;
    static final byte FORMAT_V2 = 2;
    static final int REMOVED = 1;
    static final int INSTALLED = 2;
    private static final int LEGACY_LENGTH = 16;
    private static final int V2_LENGTH = 2 + 32;

    /** An ordinary reading. */
    HeatRegisterValue(long registerWh, long sentAt) {
        this(0, registerWh, sentAt, registerWh, sentAt);
    }

    /**
     * This value with a reading of {@code event} applied (this may be null: nothing stored yet). A side takes the newer
     * sentAt; a replacement's side beats an ordinary reading's whatever its sentAt (the replacement says what the register
     * means there).
     */
    static HeatRegisterValue apply(HeatRegisterValue existing, HeatReadingEvent event, long wh, long sentAt) {
        if (existing == null) {
            return switch (event) {
                case METER_REMOVED -> new HeatRegisterValue(REMOVED, wh, sentAt, wh, sentAt);
                case METER_INSTALLED -> new HeatRegisterValue(INSTALLED, wh, sentAt, wh, sentAt);
                default -> new HeatRegisterValue(wh, sentAt);
            };
        }
        boolean removed = (existing.events & REMOVED) != 0;
        boolean installed = (existing.events & INSTALLED) != 0;
        boolean takeEnd = switch (event) {
            case METER_REMOVED -> !removed || sentAt > existing.endSentAt;
            case METER_INSTALLED -> false;
            default -> !removed && sentAt > existing.endSentAt;
        };
        boolean takeStart = switch (event) {
            case METER_INSTALLED -> !installed || sentAt > existing.startSentAt;
            case METER_REMOVED -> false;
            default -> !installed && sentAt > existing.startSentAt;
        };
        int events = existing.events | (event == HeatReadingEvent.METER_REMOVED ? REMOVED : event == HeatReadingEvent.METER_INSTALLED ? INSTALLED : 0);
        return new HeatRegisterValue(events, takeEnd ? wh : existing.endWh, takeEnd ? sentAt : existing.endSentAt,
                takeStart ? wh : existing.startWh, takeStart ? sentAt : existing.startSentAt);
    }

    /** The reading at {@code at} as the spreader sees it: no end register at a start reading alone, no start at a final alone. */
    RegisterSpreader.Reading reading(long at) {
        boolean removed = (events & REMOVED) != 0;
        boolean installed = (events & INSTALLED) != 0;
        return new RegisterSpreader.Reading(at, installed && !removed ? RegisterSpreader.NO_REGISTER : endWh,
                removed && !installed ? RegisterSpreader.NO_REGISTER : startWh);
    }

    byte[] toBytes() {
        if (events == 0 && endWh == startWh && endSentAt == startSentAt) {
            return ByteBuffer.allocate(1 + LEGACY_LENGTH).put(FORMAT_V1).putLong(endWh).putLong(endSentAt).array();
        }
        return ByteBuffer.allocate(V2_LENGTH).put(FORMAT_V2).put((byte) events).putLong(endWh).putLong(endSentAt)
                .putLong(startWh).putLong(startSentAt).array();
    }

    static HeatRegisterValue fromBytes(byte[] bytes) {
        if (bytes.length == V2_LENGTH && bytes[0] == FORMAT_V2) {
            ByteBuffer buf = ByteBuffer.wrap(bytes, 1, V2_LENGTH - 1);
            return new HeatRegisterValue(buf.get() & (REMOVED | INSTALLED), buf.getLong(), buf.getLong(), buf.getLong(), buf.getLong());
        }
        boolean v1 = bytes.length == 1 + LEGACY_LENGTH && bytes[0] == FORMAT_V1;
        StateFormats.expect(StoreNames.HEAT_REGISTERS, bytes, v1 || bytes.length == LEGACY_LENGTH, FORMAT_V2);
        ByteBuffer buf = ByteBuffer.wrap(bytes, v1 ? 1 : 0, LEGACY_LENGTH);
        return new HeatRegisterValue(buf.getLong(), buf.getLong());
    }
}
