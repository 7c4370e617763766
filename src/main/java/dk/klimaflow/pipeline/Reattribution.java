package dk.klimaflow.pipeline;

import dk.klimaflow.avro.MeteringPoint;
import dk.klimaflow.avro.Quality;
import dk.klimaflow.domain.Granularity;
import dk.klimaflow.domain.LocalCalendar;
import dk.klimaflow.domain.MeteringPointTypes;
import dk.klimaflow.domain.MasterDataRules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A change of a metering point's master data, passed in memory from intake to the version store: {@code before} and
 * {@code after} when its attribution changed (municipality, GPC sector, municipal-operation flag, factor area or
 * metering-point type, which moves its energy between consumption and the kept-apart figures);
 * {@code after == null} when it was deleted (a tombstone: the version store remembers {@code before}, where its history is
 * counted); {@code before == null} when it arrived without being known (new, or back after a tombstone: the version store
 * looks up where its history was counted). Its whole stored history moves: every quarter-hour in
 * {@code interval-versions} is retracted from the windows of the old attribution and added to those of the new one, with the
 * metering point's presence per hour, day, month and year moved alike, so every aggregate again equals the sum over latest
 * versions under the current master data.
 */
record Reattribution(MeteringPoint before, MeteringPoint after) implements VersionInput {

    /** The tombstone of a metering point last known as {@code last}. */
    static Reattribution retired(MeteringPoint last) {
        return new Reattribution(last, null);
    }

    static boolean needed(MeteringPoint before, MeteringPoint after) {
        return !before.getMunicipalityCode().equals(after.getMunicipalityCode()) || !before.getGpcSector().equals(after.getGpcSector())
                || before.getMunicipalOperation() != after.getMunicipalOperation() || before.getCarrier() != after.getCarrier()
                || MeteringPointTypes.of(before) != MeteringPointTypes.of(after)
                || !Objects.equals(MasterDataRules.factorArea(before), MasterDataRules.factorArea(after));
    }

    /** The slot deltas that move every stored quarter-hour of the metering point from {@code before} to {@code after}. */
    List<SlotDelta> moves(KeyValueStore<String, byte[]> versions) {
        List<SlotDelta> out = new ArrayList<>();
        Set<Long> months = new HashSet<>();
        Set<Long> years = new HashSet<>();
        try (var it = versions.prefixScan(before.getId() + "|", new StringSerializer())) {
            while (it.hasNext()) {
                var kv = it.next();
                long dayStart = Long.parseLong(kv.key.substring(kv.key.lastIndexOf('|') + 1));
                DayVersions day = DayVersions.fromBytes(kv.value);
                boolean firstOfDay = true;
                for (int s = 0; s < day.slots(); s++) {
                    if (!day.present(s)) {
                        continue;
                    }
                    long slotStart = dayStart + s * LocalCalendar.QUARTER_MS;
                    long[] first = new long[4];
                    first[Granularity.HOUR.ordinal()] = day.anyPresent(s - Math.floorMod(s, 4), s) ? 0 : 1;
                    first[Granularity.DAY.ordinal()] = firstOfDay ? 1 : 0;
                    first[Granularity.MONTH.ordinal()] = months.add(LocalCalendar.window(Granularity.MONTH, slotStart).start()) ? 1 : 0;
                    first[Granularity.YEAR.ordinal()] = years.add(LocalCalendar.window(Granularity.YEAR, slotStart).start()) ? 1 : 0;
                    firstOfDay = false;
                    out.add(delta(before, slotStart, day, s, first, -1));
                    out.add(delta(after, slotStart, day, s, first, 1));
                }
            }
        }
        return out;
    }

    private static SlotDelta delta(MeteringPoint mp, long slotStart, DayVersions day, int s, long[] first, int sign) {
        long wh = day.wh(s);
        byte q = day.quality(s);
        long measured = q == Quality.MEASURED.ordinal() ? wh : 0;
        long estimated = q == Quality.ESTIMATED.ordinal() || q == Quality.CALCULATED.ordinal() ? wh : 0;
        long missing = q == Quality.MISSING.ordinal() ? 1 : 0;
        long[] presence = new long[4];
        for (int g = 0; g < 4; g++) {
            presence[g] = sign * first[g];
        }
        return new SlotDelta(mp, slotStart, sign * wh, sign * measured, sign * estimated, sign * missing, presence, true, 0);
    }
}
