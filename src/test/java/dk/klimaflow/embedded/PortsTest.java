package dk.klimaflow.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Free ports come from below the ephemeral range, can be bound, and are never handed out twice. */
class PortsTest {
    @Test
    void shouldChooseBindablePortsBelowTheEphemeralRangeAndNeverTheSameTwice() throws IOException {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            int port = Ports.free();
            assertThat(port).isBetween(Ports.LOWEST, Ports.ephemeralLow() - 1);
            assertThat(seen.add(port)).as("port %d handed out twice", port).isTrue();
        }
        int last = seen.iterator().next();
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(Ports.HOST), last), 1);
            assertThat(socket.getLocalPort()).isEqualTo(last);
        }
    }
}
