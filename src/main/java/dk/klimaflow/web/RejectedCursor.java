package dk.klimaflow.web;

import java.util.Map;
import java.util.OptionalLong;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * A position in the partitions of {@code energy.readings.rejected}, as given in the {@code offset} parameter of
 * {@code /api/rejected} and returned as {@code next}: either one Kafka offset for every partition ({@code 0}) or one per
 * partition ({@code 0:120,1:98,2:0}); a partition not named starts at its earliest retained record.
 */
public record RejectedCursor(OptionalLong all, Map<Integer, Long> perPartition) {

    public static RejectedCursor start() {
        return new RejectedCursor(OptionalLong.empty(), Map.of());
    }

    public static RejectedCursor parse(String value) {
        String bad = "parameter 'offset' = '" + value + "' is not an offset: use a Kafka offset for every partition (offset=0) "
                + "or one per partition (offset=0:120,1:98), as given in 'next' of the previous page";
        try {
            if (!value.contains(":")) {
                long n = Long.parseLong(value.trim());
                if (n < 0) {
                    throw ApiException.badRequest(bad);
                }
                return new RejectedCursor(OptionalLong.of(n), Map.of());
            }
            Map<Integer, Long> map = new TreeMap<>();
            for (String part : value.split(",")) {
                String[] pn = part.trim().split(":");
                if (pn.length != 2) {
                    throw ApiException.badRequest(bad);
                }
                int p = Integer.parseInt(pn[0].trim());
                long n = Long.parseLong(pn[1].trim());
                if (p < 0 || n < 0 || map.put(p, n) != null) {
                    throw ApiException.badRequest(bad);
                }
            }
            return new RejectedCursor(OptionalLong.empty(), map);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(bad);
        }
    }

    /** Where to start reading {@code partition}, given its earliest and end offsets. */
    public long startOf(int partition, long earliest, long end) {
        long wanted = perPartition.containsKey(partition) ? perPartition.get(partition) : all.orElse(earliest);
        return Math.min(Math.max(wanted, earliest), end);
    }

    public static String format(Map<Integer, Long> offsets) {
        StringJoiner j = new StringJoiner(",");
        new TreeMap<>(offsets).forEach((p, n) -> j.add(p + ":" + n));
        return j.toString();
    }
}
