package dk.klimaflow.embedded;

import dk.klimaflow.config.ConfigException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The data directory of one running embedded stack, held under an exclusive lock ({@code .lock}) from start to stop: a second
 * stack on the same directory would share the broker's metadata log and corrupt it, so it is refused up front. A marker file
 * ({@code .klimaflow-data}) tells it apart from other folders; {@code fresh} empties it, but only if it has the marker (or is
 * empty), so a mistyped {@code --data-dir} never wipes someone's files.
 */
final class DataDirectory implements AutoCloseable {
    static final String MARKER = ".klimaflow-data";
    static final String LOCK = ".lock";

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectory(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks {@code dir} (created if missing), empties it first if {@code fresh}; fails with one line naming --data-dir. */
    static DataDirectory open(Path dir, boolean fresh) {
        try {
            if (fresh && Files.isDirectory(dir) && !Files.exists(dir.resolve(MARKER)) && !isEmpty(dir)) {
                throw new ConfigException("refusing to wipe " + dir + " for --fresh: it is not a klimaflow data directory (no " + MARKER
                        + "): choose another --data-dir");
            }
            Files.createDirectories(dir);
            FileChannel channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new ConfigException("data directory " + dir + " is in use by another running klimaflow stack: stop it, or choose"
                        + " another --data-dir (and other ports)");
            }
            DataDirectory opened = new DataDirectory(dir, channel, lock);
            if (fresh) {
                opened.wipe();
            }
            Path marker = dir.resolve(MARKER);
            if (!Files.exists(marker)) {
                Files.writeString(marker, "klimaflow data directory: broker log, registry schemas and log, streams state.\n");
            }
            return opened;
        } catch (IOException e) {
            throw new ConfigException("cannot use data directory " + dir + ": " + e.getMessage() + ": choose another with --data-dir");
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.findAny().isEmpty();
        }
    }

    /** Deletes everything in the directory but the lock file. */
    private void wipe() throws IOException {
        Path lockFile = dir.resolve(LOCK);
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                if (!p.equals(dir) && !p.equals(lockFile)) {
                    Files.delete(p);
                }
            }
        }
    }

    Path path() {
        return dir;
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the lock goes with the process anyway
        }
    }
}
