package dk.klimaflow.web;

import dk.klimaflow.config.Topics;
import dk.klimaflow.domain.LocalCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;

/**
 * The four aggregate granularities as the API names them ({@code hour|day|month|year}): the key prefix of the
 * {@code sector-emissions} store ({@code HOUR|...}), the aggregate topic that carries the updates, the longest range one
 * query may span, and the window an instant falls in, from the pipeline's {@link LocalCalendar} (local Danish time, so a day is
 * 23, 24 or 25 hours).
 */
public enum Granularity {
    HOUR(Topics.HOURLY, Duration.ofDays(366)),
    DAY(Topics.DAILY, Duration.ofDays(3700)),
    MONTH(Topics.MONTHLY, Duration.ofDays(36600)),
    YEAR(Topics.YEARLY, Duration.ofDays(36600));

    public static final ZoneId ZONE = LocalCalendar.ZONE;

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

    /** The start of the window that contains {@code t} (the pipeline's {@link LocalCalendar}, the one calendar function). */
    public Instant windowStart(Instant t) {
        return Instant.ofEpochMilli(LocalCalendar.window(domain(), t.toEpochMilli()).start());
    }

    /** The start of the window after the one starting at {@code windowStart}. */
    public Instant next(Instant windowStart) {
        return Instant.ofEpochMilli(LocalCalendar.window(domain(), windowStart.toEpochMilli()).end());
    }

    /** The pipeline's granularity of the same name. */
    public dk.klimaflow.domain.Granularity domain() {
        return dk.klimaflow.domain.Granularity.valueOf(name());
    }

    public String lower() {
        return name().toLowerCase(Locale.ROOT);
    }
}
