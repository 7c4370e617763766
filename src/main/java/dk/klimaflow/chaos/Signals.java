package dk.klimaflow.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Freezes and thaws a child process by pid with {@code SIGSTOP} and {@code SIGCONT} (through {@code kill}, as
 * {@link ProcessHandle} sends only SIGTERM and SIGKILL): no thread of a frozen JVM runs, so it sends no heartbeat and finishes
 * no request, as in a long GC pause or a frozen virtual machine. Input: a pid; output: the signal sent, or a
 * {@link ChaosFailure} naming the command that failed.
 */
final class Signals {
    private Signals() {
    }

    static void freeze(long pid, boolean frozen) throws IOException, InterruptedException {
        if (pid <= 0) {
            throw new ChaosFailure("no process to " + (frozen ? "freeze" : "thaw"));
        }
        String signal = frozen ? "-STOP" : "-CONT";
        Process kill = new ProcessBuilder("kill", signal, String.valueOf(pid)).redirectErrorStream(true).start();
        String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (kill.waitFor() != 0) {
            throw new ChaosFailure("kill " + signal + " " + pid + " failed: " + output);
        }
    }
}
