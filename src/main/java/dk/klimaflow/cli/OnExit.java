package dk.klimaflow.cli;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Closes what a command started, in reverse order of starting, from one JVM shutdown hook (Ctrl-C, SIGTERM). The JVM runs
 * separate hooks in parallel; one ordered hook makes the feeds stop before the pipeline and the pipeline before the broker
 * it commits to, so nothing waits for a broker that is already gone.
 */
final class OnExit {
    private static final Deque<Runnable> CLOSERS = new ArrayDeque<>();
    private static boolean hooked;

    private OnExit() {
    }

    static synchronized void close(Runnable closer) {
        close("", closer);
    }

    /** As {@link #close(Runnable)}; a named closer reports on stderr how long it took to stop. */
    static synchronized void close(String name, Runnable closer) {
        CLOSERS.push(name.isEmpty() ? closer : () -> {
            long started = System.nanoTime();
            closer.run();
            System.err.printf("klimaflow: %s stopped in %.1f s%n", name, (System.nanoTime() - started) / 1e9);
        });
        if (!hooked) {
            hooked = true;
            Runtime.getRuntime().addShutdownHook(new Thread(OnExit::closeAll, "klimaflow-stop"));
        }
    }

    private static void closeAll() {
        Runnable next;
        while ((next = poll()) != null) {
            try {
                next.run();
            } catch (RuntimeException e) {
                System.err.println("klimaflow: while stopping: " + e.getMessage());
            }
        }
    }

    private static synchronized Runnable poll() {
        return CLOSERS.poll();
    }
}
