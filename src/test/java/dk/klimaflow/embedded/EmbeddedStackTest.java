package dk.klimaflow.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.klimaflow.config.ConfigException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the stack refuses before it starts anything: taken ports, wiping a folder that is not its own, a missing JDK 21. */
class EmbeddedStackTest {
    @TempDir
    Path dir;

    @Test
    void shouldNameTheTakenPortAndTheOptionThatMovesIt() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(Ports.HOST))) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> new EmbeddedStack(dir, port, Ports.free(), false).start())
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("Kafka broker port 127.0.0.1:" + port + " is already in use (another klimaflow, Kafka or registry?):"
                            + " stop that process or choose another port with --kafka-port");
            assertThatThrownBy(() -> new EmbeddedStack(dir, Ports.free(), port, false).start())
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("--registry-port");
        }
    }

    @Test
    void shouldRefuseToWipeAFolderThatIsNotAKlimaflowDataDirectory() throws IOException {
        Files.writeString(dir.resolve("thesis.tex"), "precious");

        assertThatThrownBy(() -> new EmbeddedStack(dir, Ports.free(), Ports.free(), true).start())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("refusing to wipe")
                .hasMessageContaining("--data-dir");
        assertThat(dir.resolve("thesis.tex")).exists();
    }

    @Test
    void shouldRefuseADataDirectoryInUseByAnotherStack() {
        try (DataDirectory inUse = DataDirectory.open(dir, false)) {
            assertThatThrownBy(() -> new EmbeddedStack(dir, Ports.free(), Ports.free(), true).start())
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("is in use by another running klimaflow stack")
                    .hasMessageContaining("--data-dir");
        }
        assertThat(dir.resolve(DataDirectory.MARKER)).exists();
    }

    @Test
    void shouldWipeOnlyTheContentOfAKlimaflowDataDirectory() throws IOException {
        DataDirectory.open(dir, false).close();
        Files.createDirectories(dir.resolve("kafka"));
        Files.writeString(dir.resolve("kafka/meta.properties"), "old");

        DataDirectory.open(dir, true).close();

        assertThat(dir.resolve("kafka")).doesNotExist();
        assertThat(dir.resolve(DataDirectory.MARKER)).exists();
    }

    @Test
    void shouldRefuseARegistryJavaHomeOlderThan21() {
        String before = System.getProperty(RegistryJava.PROPERTY);
        System.setProperty(RegistryJava.PROPERTY, System.getProperty("java.home"));
        try {
            if (Runtime.version().feature() < RegistryJava.MIN_VERSION) {
                assertThatThrownBy(() -> RegistryJava.find(java.util.Map.of()))
                        .isInstanceOf(ConfigException.class)
                        .hasMessageContaining("is not a Java 21+ home");
            } else {
                assertThat(RegistryJava.find(java.util.Map.of())).isEqualTo(Path.of(System.getProperty("java.home"), "bin", "java"));
            }
        } finally {
            if (before == null) {
                System.clearProperty(RegistryJava.PROPERTY);
            } else {
                System.setProperty(RegistryJava.PROPERTY, before);
            }
        }
    }

    @Test
    void shouldReadTheMajorVersionOfAJavaHome() {
        assertThat(RegistryJava.version(Path.of(System.getProperty("java.home")))).isEqualTo(Runtime.version().feature());
        assertThat(RegistryJava.version(dir)).isEqualTo(-1);
    }
}
