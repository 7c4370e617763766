package dk.klimaflow.pipeline;

import java.util.HexFormat;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The one rule for every persisted format of the pipeline (store values and internal topics): each value starts with a
 * format byte, a reader accepts the formats it knows (its own, and the legacy unversioned layout written before formats were
 * versioned) and refuses anything else with a message naming the store and what to do, never guessing. Used by
 * {@link DayVersions}, {@link HourCell}, the heat-register and presence values and {@link InternalSerde}.
 */
final class StateFormats {
    private StateFormats() {
    }

    /** Throws unless {@code known}: the value of {@code store} is in a format this release cannot read. */
    static void expect(String store, byte[] bytes, boolean known, byte current) {
        if (!known) {
            String head = HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 8));
            throw new SerializationException("value in " + store + " is in an unknown format (" + bytes.length + " bytes, starting "
                    + (head.isEmpty() ? "(empty)" : head) + "); this release reads format " + current
                    + " and the legacy unversioned layout: it was written by a newer release, run that release or restore its state");
        }
    }
}
