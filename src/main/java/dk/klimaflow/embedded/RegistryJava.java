package dk.klimaflow.embedded;

import dk.klimaflow.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a Java 21+ runtime for the embedded Apicurio Registry (it does not run on the Java 17 that runs klimaflow). Candidates in
 * order: system property {@code klimaflow.registry.java.home}, environment {@code JAVA_HOME}, the running JVM, then
 * {@code /usr/lib/jvm/temurin-25-jdk-amd64}; the first whose {@code release} file says 21 or newer wins. Output: the path of its
 * {@code bin/java}; if none fits, a {@link ConfigException} that says what was checked and how to get one.
 */
final class RegistryJava {
    static final String PROPERTY = "klimaflow.registry.java.home";
    static final int MIN_VERSION = 21;
    static final Path DEFAULT = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
    private static final Pattern VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

    private RegistryJava() {
    }

    static Path find(Map<String, String> env) {
        List<String> checked = new ArrayList<>();
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            Path home = Path.of(property);
            if (version(home) >= MIN_VERSION) {
                return home.resolve("bin/java");
            }
            throw new ConfigException("-D" + PROPERTY + "=" + property + " is not a Java " + MIN_VERSION + "+ home (the embedded Apicurio"
                    + " registry needs one): point it at a JDK " + MIN_VERSION + " or newer");
        }
        List<Path> candidates = new ArrayList<>();
        if (env.get("JAVA_HOME") != null && !env.get("JAVA_HOME").isBlank()) {
            candidates.add(Path.of(env.get("JAVA_HOME")));
        }
        candidates.add(Path.of(System.getProperty("java.home")));
        candidates.add(DEFAULT);
        for (Path home : candidates) {
            int v = version(home);
            if (v >= MIN_VERSION) {
                return home.resolve("bin/java");
            }
            checked.add(home + (v < 0 ? " (none)" : " (Java " + v + ")"));
        }
        throw new ConfigException("the embedded Apicurio schema registry needs Java " + MIN_VERSION + " or newer, none found in " + checked
                + ": install a JDK " + MIN_VERSION + "+ (e.g. Eclipse Temurin) and pass -D" + PROPERTY + "=DIR (KLIMAFLOW_JAVA_OPTS)"
                + " or set JAVA_HOME, or use an external registry with --registry-url");
    }

    /** The major version from {@code <home>/release}, or -1 if it is not a Java home. */
    static int version(Path home) {
        try {
            Path release = home.resolve("release");
            if (!Files.isExecutable(home.resolve("bin/java")) || !Files.isReadable(release)) {
                return -1;
            }
            Matcher m = VERSION.matcher(Files.readString(release));
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
