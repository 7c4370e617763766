package dk.klimaflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every figure of one bench run, in the order measured, as named sections of key/value pairs (a section may hold nested maps
 * and lists). Input: {@link #put} calls from the phases (numbers, strings, lists, maps; NaN and infinities become null so the
 * output stays valid JSON). Output: {@link #toJson()} / {@link #writeJson(Path)}, ONE JSON object with a key per section, and
 * {@link #table()}, a readable two-column table of the same figures for the terminal.
 */
public final class BenchReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Map<String, Object> root = new LinkedHashMap<>();

    /** The section {@code name}, created empty on first use. */
    @SuppressWarnings("unchecked")
    public synchronized Map<String, Object> section(String name) {
        return (Map<String, Object>) root.computeIfAbsent(name, k -> new LinkedHashMap<String, Object>());
    }

    public synchronized BenchReport put(String section, String key, Object value) {
        section(section).put(key, clean(value));
        return this;
    }

    public synchronized BenchReport putAll(String section, Map<String, ?> values) {
        values.forEach((k, v) -> put(section, k, v));
        return this;
    }

    private static Object clean(Object value) {
        if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
            return null;
        }
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, clean(v)));
            return out;
        }
        if (value instanceof Float f && (f.isNaN() || f.isInfinite())) {
            return null;
        }
        return value;
    }

    public synchronized Object get(String section, String key) {
        Object s = root.get(section);
        return s instanceof Map<?, ?> m ? m.get(key) : null;
    }

    public synchronized String toJson() {
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void writeJson(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, toJson() + System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** A readable table: one block per section, one line per figure (nested maps flattened as a.b). */
    public synchronized String table() {
        StringBuilder out = new StringBuilder();
        root.forEach((section, value) -> {
            out.append(section).append(System.lineSeparator());
            if (value instanceof Map<?, ?> m) {
                m.forEach((k, v) -> row(out, String.valueOf(k), v));
            } else {
                row(out, "", value);
            }
        });
        return out.toString();
    }

    private static void row(StringBuilder out, String key, Object value) {
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> row(out, key + "." + k, v));
            return;
        }
        if (value instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Map<?, ?>) {
            for (int i = 0; i < l.size(); i++) {
                row(out, key + "[" + i + "]", l.get(i));
            }
            return;
        }
        if (value instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof List<?>) {
            value = l.size() + " samples (in the JSON)"; // a timeline: too long for a table
        }
        out.append(String.format(Locale.ROOT, "  %-44s %s%n", key, format(value)));
    }

    static String format(Object v) {
        if (v instanceof Double d) {
            return Math.abs(d) >= 100 ? String.format(Locale.ROOT, "%,.0f", d) : String.format(Locale.ROOT, "%.3f", d);
        }
        if (v instanceof Long || v instanceof Integer) {
            return String.format(Locale.ROOT, "%,d", ((Number) v).longValue());
        }
        return String.valueOf(v);
    }
}
