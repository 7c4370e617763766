package dk.klimaflow.embedded;

import dk.klimaflow.config.ConfigException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Port helpers for the embedded servers, all on 127.0.0.1: a free port chosen by the OS, a check that a wanted port is free
 * (failing with one line naming the port and the option that moves it), and a check that something listens on a port.
 */
public final class Ports {
    public static final String HOST = "127.0.0.1";

    private Ports() {
    }

    /** A port that was free on 127.0.0.1 a moment ago. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("cannot find a free port on " + HOST + ": " + e.getMessage(), e);
        }
    }

    /** Fails with a {@link ConfigException} naming {@code option} if {@code port} on 127.0.0.1 is taken. */
    public static void requireFree(int port, String what, String option) {
        if (port < 1 || port > 65535) {
            throw new ConfigException(what + " port " + port + " is not a port: use 1..65535 with " + option);
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port), 1);
        } catch (IOException e) {
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
