package dk.klimaflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the figures were measured on. Input: the running JVM, {@code /proc/meminfo} and {@code git rev-parse HEAD} in the
 * working directory. Output: {@link #machine()} (cores, total memory, JVM version and vendor, OS) and {@link #gitCommit()}
 * (the commit, or "unknown" when git or a repository is not available).
 */
public final class MachineInfo {
    private MachineInfo() {
    }

    public static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("totalMemoryBytes", totalMemoryBytes());
        m.put("jvmVersion", System.getProperty("java.vm.version"));
        m.put("jvmVendor", System.getProperty("java.vm.vendor"));
        m.put("jvmName", System.getProperty("java.vm.name"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        return m;
    }

    static long totalMemoryBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (Exception e) {
            // not Linux: fall through
        }
        return -1;
    }

    public static String gitCommit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "unknown";
            }
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.exitValue() == 0 && out.matches("[0-9a-f]{40}") ? out : "unknown";
        } catch (Exception e) {
            return "unknown";
        }
    }
}
