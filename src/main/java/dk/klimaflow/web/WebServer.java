package dk.klimaflow.web;

import com.sun.net.httpserver.HttpServer;
import dk.klimaflow.config.ConfigException;
import dk.klimaflow.config.KlimaflowConfig;
import dk.klimaflow.registry.SchemaRegistry;
import dk.klimaflow.report.AggregateReader;
import dk.klimaflow.report.AnnualReport;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The operator surfaces of one pipeline instance, on {@code klimaflow.web.host}:{@code klimaflow.web.port}: the query API
 * ({@code /api/...}, answered over all instances by interactive queries on the {@code sector-emissions} and
 * {@code ingest-counters} stores), the annual GPC report as a download ({@code /api/report}, {@link ReportDownload}), the
 * dashboard ({@code /}), live updates by Server-Sent Events ({@code /api/stream}, fed by
 * a {@link LiveFeed} on the aggregate topics), Prometheus metrics ({@code /metrics}) and the OpenAPI document. The pipeline
 * creates it with its {@link KafkaStreams} (whose {@code application.server} must be this host:port when several instances
 * run), calls {@link #start()} and {@link #close()}.
 */
public final class WebServer implements AutoCloseable {
    private final KlimaflowConfig config;
    private final KafkaStreams streams;
    private final Clock clock;
    private final WebMetrics metrics;
    private final LiveFeed live;
    private final SseHub hub;
    private final ClusterQuery cluster;
    private final Router router;
    private final HostInfo self;
    private HttpServer server;
    private ExecutorService executor;

    public WebServer(KlimaflowConfig config, KafkaStreams streams, SchemaRegistry registry) {
        this(config, streams, registry, Clock.systemUTC());
    }

    WebServer(KlimaflowConfig config, KafkaStreams streams, SchemaRegistry registry, Clock clock) {
        this(config, streams, registry, clock, () -> new AggregateReader(config, registry));
    }

    /** With {@code reportSources} opening the source of each {@code /api/report} (tests give one without a broker). */
    WebServer(KlimaflowConfig config, KafkaStreams streams, SchemaRegistry registry, Clock clock,
              Supplier<AnnualReport.Source> reportSources) {
        this.config = config;
        this.streams = streams;
        this.clock = clock;
        String endpoint = config.get(StreamsConfig.APPLICATION_SERVER_CONFIG);
        this.self = endpoint == null || endpoint.isBlank()
                ? new HostInfo(config.get(KlimaflowConfig.WEB_HOST), config.getInt(KlimaflowConfig.WEB_PORT))
                : HostInfo.buildFromEndpoint(endpoint);
        LocalStores local = LocalStores.of(streams);
        this.metrics = new WebMetrics(streams, local::counters);
        this.cluster = new ClusterQuery(streams, self, local, () -> WebMetrics.consumerLag(streams), Http.JSON);
        this.hub = new SseHub(() -> Health.of(this, true));
        this.live = new LiveFeed(config, registry, (g, e) -> {
            hub.publish(EmissionWindow.of(g, e));
            metrics.aggregateArrived(e.getUpdatedAt() == null ? 0 : e.getUpdatedAt().toEpochMilli(), clock.millis());
            if (g == Granularity.HOUR) {
                metrics.readingToAggregate(e.getLatestSentAt().toEpochMilli(), e.getUpdatedAt().toEpochMilli());
            }
        });
        double baseline = baseline(config);
        ReportDownload report = new ReportDownload(reportSources, AnnualReport.methods(config), baseline, clock);
        this.router = new ApiRoutes(cluster, local, new RejectedPager(config, registry), baseline, clock)
                .register(new Router(new StaticFiles()))
                .raw("/api/report", report::handle)
                .raw("/api/health", (ex, p) -> {
                    Health health = Health.of(this, false);
                    Http.json(ex, "DOWN".equals(health.status()) ? 503 : 200, health);
                })
                .raw("/api/stream", (ex, p) -> hub.open(ex, p.allowOnly(java.util.Set.of("municipality")).optional("municipality")
                        .map(EmissionsQuery::municipality).orElse(null)))
                .raw("/metrics", (ex, p) -> Http.text(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()));
    }

    private static double baseline(KlimaflowConfig config) {
        String v = config.get(KlimaflowConfig.BASELINE_1990_TONNES);
        try {
            double d = Double.parseDouble(v.trim());
            if (d < 0 || !Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (RuntimeException e) {
            throw new ConfigException("setting '" + KlimaflowConfig.BASELINE_1990_TONNES + "' = '" + v
                    + "' is not a number of tonnes CO2e: set the municipality's 1990 emissions, e.g. 150000");
        }
    }

    /** Binds the web port and starts the live feed; fails with a {@link ConfigException} naming the port if it is taken. */
    public synchronized void start() {
        String host = config.get(KlimaflowConfig.WEB_HOST);
        int port = config.getInt(KlimaflowConfig.WEB_PORT);
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 64);
        } catch (IOException e) {
            throw new ConfigException("cannot serve the web API on " + host + ":" + port + " (" + e.getMessage() + "): free the port or set "
                    + KlimaflowConfig.WEB_PORT + " (and " + StreamsConfig.APPLICATION_SERVER_CONFIG + ") to a free one");
        }
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "klimaflow-web-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", router);
        server.start();
        hub.start();
        live.start();
    }

    /** The address browsers and clients use, e.g. {@code http://127.0.0.1:8080/}. */
    public URI uri() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/");
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Micrometer registry behind {@code /metrics}: the pipeline may register its own meters here (e.g. a sentAt latency timer). */
    public MeterRegistry meterRegistry() {
        return metrics.registry();
    }

    KafkaStreams streams() {
        return streams;
    }

    HostInfo self() {
        return self;
    }

    LiveFeed live() {
        return live;
    }

    SseHub hub() {
        return hub;
    }

    ClusterQuery cluster() {
        return cluster;
    }

    Instant now() {
        return clock.instant();
    }

    @Override
    public synchronized void close() {
        live.close();
        hub.close();
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
        metrics.close();
    }
}
