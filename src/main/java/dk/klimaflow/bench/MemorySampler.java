package dk.klimaflow.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The memory of a pipeline child JVM ({@link PipelineProcess}), measured from outside. Input: the child process and its
 * state directory. It reads the child's stdout for the heap lines of {@link PipelineChild} ({@link PipelineChild#HEAP_PREFIX})
 * and samples once a second, until the child ends or {@link #stop()}: peak RSS (VmHWM of /proc/PID/status), the heap in use
 * and the size of the state directory. Output: {@link #window()}, the maxima since the last {@link #resetWindow()}, in bytes
 * (-1 = not measured).
 */
final class MemorySampler {
    private final Process process;
    private final Path stateDir;
    private final Thread sampler;
    private volatile long heapUsed = -1;
    private long peakHeap = -1;
    private long peakRss = -1;
    private long maxState = -1;

    /** Starts reading the child's stdout and sampling. */
    MemorySampler(Process process, Path stateDir) {
        this.process = process;
        this.stateDir = stateDir;
        Thread reader = new Thread(this::readStdout, "bench-pipeline-stdout");
        reader.setDaemon(true);
        reader.start();
        this.sampler = new Thread(this::sample, "bench-pipeline-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void readStdout() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith(PipelineChild.HEAP_PREFIX)) {
                    heapUsed = Long.parseLong(line.substring(PipelineChild.HEAP_PREFIX.length()).split(" ")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the child ended
        }
    }

    private void sample() {
        while (process.isAlive()) {
            long rss = statusKb("VmHWM");
            long state = BenchCluster.sizeOf(stateDir);
            synchronized (this) {
                peakRss = Math.max(peakRss, rss);
                peakHeap = Math.max(peakHeap, heapUsed);
                maxState = Math.max(maxState, state);
            }
            try {
                process.waitFor(1, TimeUnit.SECONDS); // wakes early when the child ends
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private long statusKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // not Linux, or the child ended
        }
        return -1;
    }

    /** Starts a new measuring window: the kernel's peak RSS is reset (clear_refs 5), heap and state maxima restart. */
    synchronized void resetWindow() {
        try {
            Files.writeString(Path.of("/proc/" + process.pid() + "/clear_refs"), "5");
        } catch (IOException | RuntimeException e) {
            // without clear_refs the peak stays the process peak
        }
        peakRss = -1;
        peakHeap = -1;
        maxState = -1;
    }

    /** The maxima of the current window, with a fresh sample. */
    synchronized PipelineProcess.Memory window() {
        peakRss = Math.max(peakRss, statusKb("VmHWM"));
        peakHeap = Math.max(peakHeap, heapUsed);
        maxState = Math.max(maxState, BenchCluster.sizeOf(stateDir));
        return new PipelineProcess.Memory(peakRss, peakHeap, maxState);
    }

    /** Stops the sampling thread (the stdout reader ends with the child). */
    void stop() {
        sampler.interrupt();
    }
}
