package dk.klimaflow.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splitting of one CSV line: separator {@code ,} or {@code ;} (chosen from the header: whichever occurs more often),
 * double-quoted fields with {@code ""} as an escaped quote; when the header ends with a separator (as Eloverblik writes every
 * line), the empty field after it is dropped from every line. Input: a
 * header line, then data lines; output: {@link Row}s keyed by the header's names.
 */
public final class Csv {
    private final char separator;
    private final List<String> header;
    private final boolean trailingSeparator;

    private Csv(char separator, List<String> header, boolean trailingSeparator) {
        this.separator = separator;
        this.header = header;
        this.trailingSeparator = trailingSeparator;
    }

    public static Csv fromHeader(String headerLine) {
        long semicolons = headerLine.chars().filter(c -> c == ';').count();
        long commas = headerLine.chars().filter(c -> c == ',').count();
        char sep = semicolons > commas ? ';' : ',';
        List<String> names = split(headerLine, sep);
        boolean trailing = names.size() > 1 && names.get(names.size() - 1).isBlank();
        if (trailing) { // Eloverblik ends every line with the separator
            names = names.subList(0, names.size() - 1);
        }
        return new Csv(sep, names.stream().map(String::trim).toList(), trailing);
    }

    public List<String> header() {
        return header;
    }

    public char separator() {
        return separator;
    }

    public Row row(String file, long line, String text) throws BadRow {
        List<String> values = split(text, separator);
        if (trailingSeparator && values.size() == header.size() + 1 && values.get(header.size()).isBlank()) {
            values = values.subList(0, header.size());
        }
        if (values.size() != header.size()) {
            throw new BadRow("expected " + header.size() + " fields " + header + ", found " + values.size());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            fields.put(header.get(i), values.get(i));
        }
        return new Row(file, line, fields);
    }

    static List<String> split(String line, char sep) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == sep) {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        out.add(field.toString());
        return out;
    }
}
