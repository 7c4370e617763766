package dk.klimaflow.importer;

import dk.klimaflow.domain.LocalCalendar;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Danish local times without an offset (EDS {@code HourDK}, Eloverblik "2018-10-28 02.00") to instants, one series at a time.
 * A time in the spring-forward gap is a bad row. The autumn fall-back hour appears twice and only the order tells the two
 * apart: in a file sorted oldest first the first occurrence is the earlier instant (+02:00), in one sorted newest first it is
 * the later (+01:00); a third occurrence is a bad row. Memory: one counter per repeated hour and series seen (two a year).
 */
public final class LocalHours {
    private static final DateTimeFormatter ELOVERBLIK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH.mm");
    private final Map<String, Integer> repeated = new HashMap<>();

    public static LocalDateTime parse(String text) throws BadRow {
        String t = text.trim();
        try {
            return t.length() == 16 && t.charAt(13) == '.' ? LocalDateTime.parse(t, ELOVERBLIK) : LocalDateTime.parse(t);
        } catch (DateTimeParseException e) {
            throw new BadRow("'" + text + "' is not a local time like 2023-10-29T02:00:00 or 2023-10-29 02.00");
        }
    }

    /** The instant of {@code local} in series {@code series}; {@code newestFirst} is the file's order. */
    public Instant resolve(LocalDateTime local, String series, boolean newestFirst) throws BadRow {
        List<ZoneOffset> offsets = LocalCalendar.ZONE.getRules().getValidOffsets(local);
        if (offsets.isEmpty()) {
            throw new BadRow("local time " + local + " does not exist in Europe/Copenhagen (spring-forward gap)");
        }
        if (offsets.size() == 1) {
            return local.toInstant(offsets.get(0));
        }
        int occurrence = repeated.merge(series + "|" + local, 1, Integer::sum);
        if (occurrence > 2) {
            throw new BadRow("local time " + local + " appears more than twice for " + series);
        }
        boolean earlier = newestFirst ? occurrence == 2 : occurrence == 1;
        return local.toInstant(earlier ? offsets.get(0) : offsets.get(1));
    }

    /** An ISO instant ("2019-01-01T00:00:00Z", with an offset) or, without a zone, a UTC time ("2021-07-01T21:00:00"). */
    public static Instant utc(String text) throws BadRow {
        String t = text.trim();
        try {
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return java.time.OffsetDateTime.parse(t).toInstant();
            }
            return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new BadRow("'" + text + "' is not a UTC time like 2021-07-01T21:00:00 or 2019-01-01T00:00:00Z");
        }
    }
}
