package dk.klimaflow.domain;

/** Aggregation windows: local hour, day, month and year in Europe/Copenhagen, each with its output topic. */
public enum Granularity {
    HOUR("emissions.sector.hourly"),
    DAY("emissions.sector.daily"),
    MONTH("emissions.sector.monthly"),
    YEAR("emissions.sector.yearly");

    private final String topic;

    Granularity(String topic) {
        this.topic = topic;
    }

    public String topic() {
        return topic;
    }

    /** Parses {@code hour}, {@code day}, {@code month}, {@code year} (any case). */
    public static Granularity parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("granularity '" + s + "' is not one of hour, day, month, year");
        }
    }
}
