package dk.klimaflow.importer;

import java.util.Map;

/**
 * One record of an import file, whatever its format: the file name and line (for messages) and the fields by their header
 * or JSON name, as text exactly as written (numbers from JSON as their decimal text). {@link #get} fails with a
 * {@link BadRow} naming a missing field; {@link #optional} returns null for a missing or blank one.
 */
public record Row(String file, long line, Map<String, String> fields) {

    public String get(String name) throws BadRow {
        String v = optional(name);
        if (v == null) {
            throw new BadRow("no value for " + name);
        }
        return v;
    }

    public String optional(String name) {
        String v = fields.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    public boolean has(String name) {
        return fields.containsKey(name);
    }
}
