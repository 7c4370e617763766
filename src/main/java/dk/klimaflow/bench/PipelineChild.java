package dk.klimaflow.bench;

import dk.klimaflow.cli.KlimaflowCli;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Main class of the bench's pipeline child JVM: {@code klimaflow run} with the given arguments, plus a daemon thread that
 * prints the heap in use twice a second on stdout as {@code klimaflow-bench-heap <usedBytes> <committedBytes>} for
 * {@link PipelineProcess} to read. Input: the arguments of {@code klimaflow run}. Output: the running pipeline and the heap lines.
 */
public final class PipelineChild {
    public static final String HEAP_PREFIX = "klimaflow-bench-heap ";

    private PipelineChild() {
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
        KlimaflowCli.main(args);
    }
}
