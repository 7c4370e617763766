package dk.klimaflow.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The browsers connected to {@code /api/stream} (Server-Sent Events). Aggregate updates handed to {@link #publish} are kept
 * per window key (the newest revision wins) and sent every 250 ms as one {@code emissions} event holding a JSON array of
 * {@link EmissionWindow}s, so a burst of updates to the same window costs one line; every 2 s a {@code health} event carries
 * the counters and freshness. A browser that cannot be written to is dropped; EventSource reconnects by itself.
 */
public final class SseHub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SseHub.class);

    private record Client(HttpExchange exchange, OutputStream out, String municipality) {
    }

    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private final Map<String, EmissionWindow> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "klimaflow-web-sse");
        t.setDaemon(true);
        return t;
    });
    private final Supplier<Object> health;

    public SseHub(Supplier<Object> health) {
        this.health = health;
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::flush, 250, 250, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::sendHealth, 0, 2, TimeUnit.SECONDS);
    }

    /** Answers {@code /api/stream}: keeps the exchange open and registers it; {@code municipality} may be null for all. */
    public void open(HttpExchange ex, String municipality) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.getResponseHeaders().set("X-Accel-Buffering", "no");
        ex.sendResponseHeaders(200, 0);
        Client client = new Client(ex, ex.getResponseBody(), municipality);
        clients.add(client);
        send(client, ": connected\nretry: 2000\n\n");
        timer.execute(() -> send(client, event("health", health.get())));
    }

    /** Queues one aggregate update for the next batch. */
    public void publish(EmissionWindow window) {
        pending.merge(window.key(), window, (a, b) -> a.revision() > b.revision() ? a : b);
    }

    public int clients() {
        return clients.size();
    }

    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<EmissionWindow> batch = new ArrayList<>();
        for (String key : new ArrayList<>(pending.keySet())) {
            EmissionWindow w = pending.remove(key);
            if (w != null) {
                batch.add(w);
            }
        }
        for (Client c : clients) {
            List<EmissionWindow> mine = c.municipality() == null ? batch
                    : batch.stream().filter(w -> c.municipality().equals(w.municipalityCode())).toList();
            if (!mine.isEmpty()) {
                send(c, event("emissions", mine));
            }
        }
    }

    private void sendHealth() {
        if (clients.isEmpty()) {
            return;
        }
        try {
            String e = event("health", health.get());
            clients.forEach(c -> send(c, e));
        } catch (RuntimeException ex) {
            LOG.debug("health event not sent: {}", ex.toString());
        }
    }

    private static String event(String name, Object data) {
        try {
            return "event: " + name + "\ndata: " + Http.JSON.writeValueAsString(data) + "\n\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise " + name + " event", e);
        }
    }

    private void send(Client c, String text) {
        synchronized (c) {
            try {
                c.out().write(text.getBytes(StandardCharsets.UTF_8));
                c.out().flush();
            } catch (IOException | RuntimeException e) {
                clients.remove(c);
                c.exchange().close();
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        for (Client c : clients) {
            c.exchange().close();
        }
        clients.clear();
    }
}
