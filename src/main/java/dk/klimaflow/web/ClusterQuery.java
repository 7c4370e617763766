package dk.klimaflow.web;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongSupplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The full answer from any instance: finds the instances that hold a store from the Kafka Streams metadata (their
 * {@code application.server} = web host:port), answers its own part from {@link LocalStores} and asks the others on their
 * {@code /internal/...} endpoints over HTTP, in parallel, then merges. A single key goes only to the instance that owns it
 * ({@code queryMetadataForKey}). An instance that does not answer makes the whole answer fail (502) rather than be silently
 * incomplete.
 */
public final class ClusterQuery {
    private static final TypeReference<List<EmissionWindow>> WINDOWS = new TypeReference<>() { };

    private final KafkaStreams streams;
    private final HostInfo self;
    private final LocalStores local;
    private final LongSupplier localLag;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();

    public ClusterQuery(KafkaStreams streams, HostInfo self, LocalStores local, LongSupplier localLag, ObjectMapper json) {
        this.streams = streams;
        this.self = self;
        this.local = local;
        this.localLag = localLag;
        this.json = json;
    }

    /** All windows matching {@code q} over all instances, in store-key order. */
    public List<EmissionWindow> windows(EmissionsQuery q) {
        List<CompletableFuture<List<EmissionWindow>>> parts = new ArrayList<>();
        boolean includesSelf = false;
        for (HostInfo host : hosts(StoreKeys.EMISSIONS_STORE)) {
            if (host.equals(self)) {
                includesSelf = true;
            } else {
                parts.add(remote(host, "/internal/emissions?" + q.toQueryString()).thenApply(body -> read(body, WINDOWS)));
            }
        }
        if (includesSelf) {
            parts.add(CompletableFuture.completedFuture(local.windows(q)));
        }
        Map<String, EmissionWindow> merged = new TreeMap<>();
        for (List<EmissionWindow> part : join(parts)) {
            // during a rebalance two instances may both hold a window for a moment: the higher revision is the newer one
            part.forEach(w -> merged.merge(w.key(), w, (a, b) -> a.revision() >= b.revision() ? a : b));
        }
        return new ArrayList<>(merged.values());
    }

    /** The window stored under {@code key}, asked of the instance that owns it; null if there is none. */
    public EmissionWindow window(Granularity g, String key) {
        KeyQueryMetadata meta = streams.queryMetadataForKey(StoreKeys.EMISSIONS_STORE, key, Serdes.String().serializer());
        HostInfo owner = meta == null || meta == KeyQueryMetadata.NOT_AVAILABLE ? null : meta.activeHost();
        if (owner == null || !known(owner) || owner.equals(self)) {
            return local.window(g, key);
        }
        String body = join(List.of(remote(owner, "/internal/window?granularity=" + g.lower() + "&key="
                + URLEncoder.encode(key, StandardCharsets.UTF_8), true))).get(0);
        return body.isBlank() || body.equals("null") ? null : read(body, new TypeReference<EmissionWindow>() { });
    }

    /** The ingest counters summed over all instances. */
    public Counters counters() {
        List<CompletableFuture<Counters.Local>> parts = new ArrayList<>();
        Set<HostInfo> hosts = hosts(StoreKeys.COUNTERS_STORE);
        for (HostInfo host : hosts) {
            if (!host.equals(self)) {
                parts.add(remote(host, "/internal/counters").thenApply(body -> read(body, new TypeReference<Counters.Local>() { })));
            }
        }
        if (hosts.contains(self)) {
            parts.add(CompletableFuture.completedFuture(localCounters()));
        }
        return Counters.sum(join(parts));
    }

    public Counters.Local localCounters() {
        return new Counters.Local(local.counters(), localLag.getAsLong());
    }

    /** The instances that host {@code store}; just this one when the metadata names none (no application.server set). */
    Set<HostInfo> hosts(String store) {
        Set<HostInfo> hosts = new LinkedHashSet<>();
        try {
            for (StreamsMetadata m : streams.streamsMetadataForStore(store)) {
                if (known(m.hostInfo())) {
                    hosts.add(m.hostInfo());
                }
            }
        } catch (IllegalStateException | org.apache.kafka.streams.errors.InvalidStateStoreException e) {
            throw ApiException.unavailable("Kafka Streams is not running on this instance (state " + streams.state()
                    + "): wait until the pipeline has started, then retry");
        }
        if (hosts.isEmpty()) {
            hosts.add(self);
        }
        return hosts;
    }

    private static boolean known(HostInfo h) {
        return h != null && h.port() > 0 && !"unavailable".equals(h.host());
    }

    private CompletableFuture<String> remote(HostInfo host, String pathAndQuery) {
        return remote(host, pathAndQuery, false);
    }

    /** GET on another instance; with {@code absentIsEmpty} its 404 (nothing under that key) is an empty body. */
    private CompletableFuture<String> remote(HostInfo host, String pathAndQuery, boolean absentIsEmpty) {
        URI uri = URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
            if (error != null) {
                throw new ApiException(502, "instance " + host.host() + ":" + host.port() + " (from the streams metadata) did not answer "
                        + uri.getPath() + ": " + error.getMessage() + "; the answer would be incomplete, retry when it is back", error);
            }
            if (absentIsEmpty && response.statusCode() == 404) {
                return "";
            }
            if (response.statusCode() != 200) {
                int status = response.statusCode() == 503 ? 503 : 502;
                throw new ApiException(status, "instance " + host.host() + ":" + host.port() + " answered " + response.statusCode()
                        + " on " + uri.getPath() + ": " + response.body());
            }
            return response.body();
        });
    }

    private <T> T read(String body, TypeReference<T> type) {
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw new ApiException(502, "another instance sent an answer this one cannot read (different klimaflow versions?): " + e.getMessage());
        }
    }

    private static <T> List<T> join(List<CompletableFuture<T>> parts) {
        List<T> out = new ArrayList<>();
        for (CompletableFuture<T> part : parts) {
            try {
                out.add(part.join());
            } catch (CompletionException e) {
                Throwable cause = e.getCause();
                while (cause instanceof CompletionException && cause.getCause() != null) {
                    cause = cause.getCause();
                }
                if (cause instanceof ApiException api) {
                    throw api;
                }
                throw new ApiException(502, "fan-out to another instance failed: " + cause);
            }
        }
        return out;
    }
}
