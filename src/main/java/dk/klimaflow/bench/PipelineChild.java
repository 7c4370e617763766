package dk.klimaflow.bench;

import dk.klimaflow.cli.KlimaflowCli;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Main class of the bench's pipeline child JVM: {@code klimaflow run} with the given arguments, plus a daemon thread that
 * prints the heap in use twice a second on stdout as {@code klimaflow-bench-heap <usedBytes> <committedBytes>} for
 * {@link PipelineProcess} to read; it exits when its parent is gone (end of stdin). Input: the arguments of {@code klimaflow run}.
 * Output: the running pipeline and the heap lines.
 */
public final class PipelineChild {
    public static final String HEAP_PREFIX = "klimaflow-bench-heap ";

    private PipelineChild() {
    }

    /**
     * The parent never writes to this JVM's stdin; its end means the parent is gone (even by {@code kill -9}, which runs no
     * hook there), and an orphaned pipeline must not run on: exit, so the run command's shutdown hook stops it in order.
     */
    private static void exitWhenParentIsGone() {
        try {
            while (System.in.read() >= 0) {
                // nothing is ever written
            }
        } catch (java.io.IOException e) {
            // closed: the same
        }
        System.exit(0);
    }

    public static void main(String[] args) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        Thread heap = new Thread(() -> {
            while (true) {
                var usage = memory.getHeapMemoryUsage();
                System.out.println(HEAP_PREFIX + usage.getUsed() + " " + usage.getCommitted());
                System.out.flush();
                try {
                    Thread.sleep(500); // a sampling period, not a wait for a condition
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-heap");
        heap.setDaemon(true);
        heap.start();
        Thread parent = new Thread(PipelineChild::exitWhenParentIsGone, "bench-parent-watch");
        parent.setDaemon(true);
        parent.start();
        KlimaflowCli.main(args);
    }
}
