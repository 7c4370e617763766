package dk.klimaflow.pipeline;

import dk.klimaflow.avro.MeteringPoint;
import dk.klimaflow.avro.Quality;
import dk.klimaflow.domain.HeatSilence;
import dk.klimaflow.domain.LocalCalendar;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Silent heat meters show as missing, not as zero (rule: {@link HeatSilence}). Store {@code heat-silence}, key meterId, value
 * format 1: a format byte ({@link #FORMAT_V1}), the hour up to which the meter's newest reading covers its time
 * ({@code coveredUntil}) and the end of the hours already marked missing ({@code missingUntil}), as longs. The heat-register
 * processor calls {@link #covered} when a reading becomes a meter's newest in a later hour (one small write per such reading, no
 * read), and {@link #missing} from its wall-clock punctuation: one pass over the meters (one entry each) returning, per meter
 * whose metering point is still on the topic ({@code metering-points}), MISSING hours to forward as authoritative versions.
 */
final class SilentHeatMeters {
    static final byte FORMAT_V1 = 1;
    private static final int LENGTH = 1 + 16;

    private final KeyValueStore<String, byte[]> silence;
    private final KeyValueStore<String, MeteringPoint> points;

    SilentHeatMeters(KeyValueStore<String, byte[]> silence, KeyValueStore<String, MeteringPoint> points) {
        this.silence = silence;
        this.points = points;
    }

    /** The meter's newest reading now lies at {@code readAt}: its time is covered up to that hour's end. */
    void covered(String meterId, long readAt) {
        long until = HeatSilence.ceilHour(readAt);
        silence.put(meterId, ByteBuffer.allocate(LENGTH).put(FORMAT_V1).putLong(until).putLong(until).array());
    }

    /** The MISSING hours of every silent meter at {@code now}, marked as done in the store; forgets meters no longer on the topic. */
    List<KeyValue<String, List<IntervalValue>>> missing(long now, long cutoff, long silentAfterMs) {
        List<KeyValue<String, List<IntervalValue>>> out = new ArrayList<>();
        List<KeyValue<String, byte[]>> updates = new ArrayList<>();
        try (var it = silence.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                StateFormats.expect(StoreNames.HEAT_SILENCE, kv.value, kv.value.length == LENGTH && kv.value[0] == FORMAT_V1, FORMAT_V1);
                ByteBuffer buf = ByteBuffer.wrap(kv.value, 1, 16);
                long coveredUntil = buf.getLong();
                long[] hours = HeatSilence.missingHours(coveredUntil, buf.getLong(), cutoff, now, silentAfterMs);
                if (hours == null) {
                    continue;
                }
                MeteringPoint mp = points.get(kv.key);
                if (mp == null) {
                    updates.add(new KeyValue<>(kv.key, null)); // retired or removed: nothing more to mark
                    continue;
                }
                List<IntervalValue> values = new ArrayList<>();
                for (long h = hours[0]; h < hours[1]; h += LocalCalendar.HOUR_MS) {
                    values.add(new IntervalValue(mp, h, 4, null, Quality.MISSING, now, true));
                }
                out.add(new KeyValue<>(kv.key, values));
                updates.add(new KeyValue<>(kv.key, ByteBuffer.allocate(LENGTH).put(FORMAT_V1).putLong(coveredUntil).putLong(hours[1]).array()));
            }
        }
        updates.forEach(u -> silence.put(u.key, u.value));
        return out;
    }
}
