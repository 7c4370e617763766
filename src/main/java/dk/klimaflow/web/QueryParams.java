package dk.klimaflow.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query string of one request as named parameters, with typed getters that throw {@link ApiException} 400 naming the
 * parameter, the value and what is accepted. Unknown and repeated parameters are errors too, so a typo such as
 * {@code muncipality=0187} is reported instead of silently widening the answer.
 */
public final class QueryParams {
    private final Map<String, String> values;
    private final String raw;

    private QueryParams(Map<String, String> values, String raw) {
        this.values = values;
        this.raw = raw == null ? "" : raw;
    }

    /** Parses a raw (still percent-encoded) query string; null or empty gives no parameters. */
    public static QueryParams parse(String rawQuery) {
        Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (values.put(name, value) != null) {
                    throw ApiException.badRequest("parameter '" + name + "' is given twice: give it once");
                }
            }
        }
        return new QueryParams(Collections.unmodifiableMap(values), rawQuery);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("query string has a bad percent-encoding in '" + s + "'");
        }
    }

    /** The query string as received, for forwarding to another instance. */
    public String raw() {
        return raw;
    }

    /** Fails if any parameter is not in {@code known}. */
    public QueryParams allowOnly(Set<String> known) {
        for (String name : values.keySet()) {
            if (!known.contains(name)) {
                throw ApiException.badRequest("unknown parameter '" + name + "': this endpoint takes " + new TreeSet<>(known));
            }
        }
        return this;
    }

    public Optional<String> optional(String name) {
        String v = values.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    public String required(String name, String example) {
        return optional(name).orElseThrow(() -> ApiException.badRequest("parameter '" + name + "' is required, e.g. " + name + "=" + example));
    }

    /** A whole number in {@code [min, max]}, or {@code dflt} when absent. */
    public long longParam(String name, long dflt, long min, long max) {
        Optional<String> v = optional(name);
        if (v.isEmpty()) {
            return dflt;
        }
        try {
            long n = Long.parseLong(v.get());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("parameter '" + name + "' = '" + v.get() + "' is not a whole number from " + min + " to " + max);
        }
    }

    /**
     * An instant: a date ({@code 2026-11-01}, local midnight in Copenhagen), a local date-time ({@code 2026-11-01T10:00},
     * Copenhagen time; in the autumn's repeated hour the earlier one) or an instant with an offset ({@code 2026-11-01T09:00:00Z}).
     */
    public static Instant parseInstant(String name, String value) {
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(Granularity.ZONE).toInstant();
            }
            if (value.endsWith("Z") || value.endsWith("z") || value.matches(".*T.*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(value.toUpperCase()).toInstant();
            }
            return LocalDateTime.parse(value).atZone(Granularity.ZONE).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("parameter '" + name + "' = '" + value
                    + "' is not a time: use 2026-11-01, 2026-11-01T10:00 (Copenhagen time) or 2026-11-01T09:00:00Z");
        }
    }

    public Instant instant(String name, String example) {
        return parseInstant(name, required(name, example));
    }
}
