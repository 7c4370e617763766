package dk.klimaflow.importer;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a UTF-8 text file one line at a time (constant memory), with the 1-based number of the line last read, a leading
 * byte-order mark removed, CR/LF or LF endings, and the bytes consumed so far (for progress). Input: a file or a stream;
 * output: lines without their line ending, null at the end.
 */
public final class LineReader implements AutoCloseable {
    private final CountingStream counter;
    private final BufferedReader in;
    private long lineNumber;

    public LineReader(InputStream stream) {
        this.counter = new CountingStream(stream);
        this.in = new BufferedReader(new InputStreamReader(counter, StandardCharsets.UTF_8), 1 << 16);
    }

    public static LineReader open(Path file) throws IOException {
        return new LineReader(Files.newInputStream(file));
    }

    public String next() throws IOException {
        String line = in.readLine();
        if (line == null) {
            return null;
        }
        if (lineNumber++ == 0 && line.startsWith("\uFEFF")) {
            line = line.substring(1);
        }
        return line;
    }

    public long lineNumber() {
        return lineNumber;
    }

    /** Bytes consumed from the file so far (read ahead by the buffer, so at most 64 KiB ahead of the last line). */
    public long bytes() {
        return counter.count;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Counts the bytes read through it. */
    static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
