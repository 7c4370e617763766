package dk.klimaflow.web;

import dk.klimaflow.config.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The four aggregate granularities: the key prefix of the {@code sector-emissions} store ({@code HOUR|...}), the aggregate
 * topic that carries the updates, and the calendar rules to find the window an instant falls in. Days, months and years are
 * local Danish time (Europe/Copenhagen), so a day is 23, 24 or 25 hours; hours are plain UTC hours (Denmark's offset is whole).
 */
public enum Granularity {
    HOUR(Topics.HOURLY, Duration.ofDays(366)),
    DAY(Topics.DAILY, Duration.ofDays(3700)),
    MONTH(Topics.MONTHLY, Duration.ofDays(36600)),
    YEAR(Topics.YEARLY, Duration.ofDays(36600));

    public static final ZoneId ZONE = ZoneId.of("Europe/Copenhagen");

    private final String topic;
    private final Duration maxRange;

    Granularity(String topic, Duration maxRange) {
        this.topic = topic;
        this.maxRange = maxRange;
    }

    /** The aggregate topic carrying this granularity's updates. */
    public String topic() {
        return topic;
    }

    /** The longest range one query may ask for, so one answer stays a reasonable size. */
    public Duration maxRange() {
        return maxRange;
    }

    /** Parses {@code hour|day|month|year} (any case); throws {@link ApiException} 400 otherwise. */
    public static Granularity parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("parameter 'granularity' = '" + value + "' is not one of hour, day, month, year");
        }
    }

    public static Granularity ofTopic(String topic) {
        for (Granularity g : values()) {
            if (g.topic.equals(topic)) {
                return g;
            }
        }
        throw new IllegalArgumentException("not an aggregate topic: " + topic);
    }

    /** The start of the window that contains {@code t}. */
    public Instant windowStart(Instant t) {
        ZonedDateTime local = t.atZone(ZONE);
        switch (this) {
            case HOUR:
                return t.truncatedTo(ChronoUnit.HOURS);
            case DAY:
                return local.toLocalDate().atStartOfDay(ZONE).toInstant();
            case MONTH:
                return local.toLocalDate().withDayOfMonth(1).atStartOfDay(ZONE).toInstant();
            default:
                return LocalDate.of(local.getYear(), 1, 1).atStartOfDay(ZONE).toInstant();
        }
    }

    /** The start of the window after the one starting at {@code windowStart}. */
    public Instant next(Instant windowStart) {
        switch (this) {
            case HOUR:
                return windowStart.plus(1, ChronoUnit.HOURS);
            case DAY:
                return windowStart.atZone(ZONE).toLocalDate().plusDays(1).atStartOfDay(ZONE).toInstant();
            case MONTH:
                return windowStart.atZone(ZONE).toLocalDate().plusMonths(1).atStartOfDay(ZONE).toInstant();
            default:
                return windowStart.atZone(ZONE).toLocalDate().plusYears(1).atStartOfDay(ZONE).toInstant();
        }
    }

    public String lower() {
        return name().toLowerCase(Locale.ROOT);
    }
}
