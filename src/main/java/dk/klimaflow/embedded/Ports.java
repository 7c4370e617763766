package dk.klimaflow.embedded;

import dk.klimaflow.config.ConfigException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Port helpers for the embedded servers, all on 127.0.0.1: a free port, a check that a wanted port is free (failing with one
 * line naming the port and the option that moves it), and a check that something listens on a port.
 *
 * <p>A free port is chosen below the kernel's ephemeral range ({@code /proc/sys/net/ipv4/ip_local_port_range}), not by binding
 * port 0: a port from that range can be taken as the local end of any outgoing connection (a broker's own clients, say) between
 * the moment it is chosen and the moment a child process binds it, which once failed a registry start in CI with "Address
 * already in use". No port is handed out twice by one JVM.
 */
public final class Ports {
    public static final String HOST = "127.0.0.1";

    private Ports() {
    }

    static final int LOWEST = 20_000;
    private static final int ATTEMPTS = 200;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /** A port below the ephemeral range that was free on 127.0.0.1 a moment ago and that this JVM has not handed out before. */
    public static int free() {
        int below = ephemeralLow();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
            if (!HANDED_OUT.contains(port) && bindable(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("cannot find a free port on " + HOST + " in " + LOWEST + ".." + (below - 1)
                + " after " + ATTEMPTS + " attempts");
    }

    /** The first port of the kernel's ephemeral range; 32768 (Linux's default) where it cannot be read or leaves no room. */
    static int ephemeralLow() {
        try {
            String[] range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+");
            int low = Integer.parseInt(range[0]);
            return low > LOWEST + 1_000 ? low : 32_768;
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Fails with a {@link ConfigException} naming {@code option} if {@code port} on 127.0.0.1 is taken. */
    public static void requireFree(int port, String what, String option) {
        if (port < 1 || port > 65535) {
            throw new ConfigException(what + " port " + port + " is not a port: use 1..65535 with " + option);
        }
        if (!bindable(port)) {
            throw new ConfigException(what + " port " + HOST + ":" + port + " is already in use (another klimaflow, Kafka or registry?):"
                    + " stop that process or choose another port with " + option);
        }
    }

    /** True if a TCP connection to 127.0.0.1:{@code port} succeeds. */
    public static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getByName(HOST), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
