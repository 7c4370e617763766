package dk.klimaflow.importer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams the records of an Energi Data Service file (or any flat CSV) one at a time, in constant memory: a CSV with a header
 * line ({@code ,} or {@code ;}), or JSON whose first array named {@code records} (at any depth: the dataset API's
 * {@code {"records":[...]}} and the old CKAN {@code {"result":{"records":[...]}}}) holds flat objects. Each record is a
 * {@link Row} with its line (the CSV line, or the line where the JSON object starts); a CSV line with the wrong number of
 * fields is a {@link BadRow} at {@link #line()}. Blank CSV lines are skipped.
 */
public abstract class RecordSource implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** The next record, null at the end. */
    public abstract Row next() throws IOException, BadRow;

    public abstract long line();

    /** The dataset the file says it holds (EDS JSON's top-level {@code dataset}), else the file name. */
    public abstract String dataset();

    public abstract long bytes();

    /** The field names of the first record (CSV: the header), for choosing a format. */
    public abstract List<String> fields() throws IOException;

    @Override
    public abstract void close() throws IOException;

    public static RecordSource open(Path file) throws IOException {
        String name = file.getFileName().toString();
        if (name.toLowerCase().endsWith(".json")) {
            return new JsonSource(name, Files.newInputStream(file));
        }
        return new CsvSource(name, LineReader.open(file));
    }

    static final class CsvSource extends RecordSource {
        private final String name;
        private final LineReader lines;
        private final Csv csv;

        CsvSource(String name, LineReader lines) throws IOException {
            this.name = name;
            this.lines = lines;
            String header = lines.next();
            if (header == null) {
                throw new IOException(name + " is empty: expected a header line");
            }
            this.csv = Csv.fromHeader(header);
        }

        @Override
        public Row next() throws IOException, BadRow {
            for (String text = lines.next(); text != null; text = lines.next()) {
                if (!text.isBlank()) {
                    return csv.row(name, lines.lineNumber(), text);
                }
            }
            return null;
        }

        @Override
        public long line() {
            return lines.lineNumber();
        }

        @Override
        public long bytes() {
            return lines.bytes();
        }

        @Override
        public List<String> fields() {
            return csv.header();
        }

        @Override
        public String dataset() {
            return name;
        }

        @Override
        public void close() throws IOException {
            lines.close();
        }
    }

    static final class JsonSource extends RecordSource {
        private final String name;
        private final LineReader.CountingStream counter;
        private final JsonParser parser;
        private long line;
        private Row first;
        private boolean inRecords;
        private String dataset;

        JsonSource(String name, InputStream in) throws IOException {
            this.name = name;
            this.counter = new LineReader.CountingStream(in);
            this.parser = JSON.getFactory().createParser(counter);
            while (!inRecords) {
                JsonToken t = parser.nextToken();
                if (t == null) {
                    throw new IOException(name + ": no \"records\" array found (expected Energi Data Service JSON, {\"records\":[...]})");
                }
                if (t == JsonToken.START_ARRAY && "records".equals(parser.currentName())) {
                    inRecords = true;
                } else if (t == JsonToken.VALUE_STRING && "dataset".equals(parser.currentName())) {
                    dataset = parser.getText();
                }
            }
        }

        @Override
        public Row next() throws IOException, BadRow {
            if (first != null) {
                Row r = first;
                first = null;
                return r;
            }
            JsonToken t = parser.nextToken();
            if (t == null || t == JsonToken.END_ARRAY) {
                return null;
            }
            line = parser.currentLocation().getLineNr();
            JsonNode node = JSON.readTree(parser);
            if (!node.isObject()) {
                throw new BadRow("record is not a JSON object: " + node);
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                fields.put(e.getKey(), v.isNull() ? null : v.isBigDecimal() ? v.decimalValue().toPlainString() : v.asText());
            }
            return new Row(name, line, fields);
        }

        @Override
        public long line() {
            return line;
        }

        @Override
        public long bytes() {
            return counter.count;
        }

        @Override
        public String dataset() {
            return dataset != null ? dataset : name;
        }

        @Override
        public List<String> fields() throws IOException {
            if (first == null) {
                try {
                    first = next();
                } catch (BadRow e) {
                    return List.of();
                }
            }
            return first == null ? List.of() : List.copyOf(first.fields().keySet());
        }

        @Override
        public void close() throws IOException {
            parser.close();
        }
    }
}
