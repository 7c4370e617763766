package dk.klimaflow.web;

import dk.klimaflow.config.KlimaflowConfig;
import dk.klimaflow.embedded.Ports;
import dk.klimaflow.pipeline.PipelineApp;
import dk.klimaflow.registry.SchemaRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/**
 * One pipeline instance for integration tests, wired as {@code klimaflow run} wires it: the lead's {@link PipelineApp}
 * (application.server = its web host:port) and a {@link WebServer} over its Kafka Streams, on a free port of 127.0.0.1.
 */
final class PipelineNode implements AutoCloseable {
    final KlimaflowConfig config;
    final PipelineApp app;
    final WebServer web;

    private PipelineNode(KlimaflowConfig config, PipelineApp app, WebServer web) {
        this.config = config;
        this.app = app;
        this.web = web;
    }

    static PipelineNode start(KlimaflowConfig stack, SchemaRegistry registry, Path stateDir, double baselineTonnes) {
        KlimaflowConfig config = stack.with(Map.of(
                KlimaflowConfig.WEB_PORT, String.valueOf(Ports.free()),
                "state.dir", stateDir.toString(),
                KlimaflowConfig.BASELINE_1990_TONNES, String.valueOf(baselineTonnes)));
        PipelineApp app = PipelineApp.start(config, registry);
        WebServer web = new WebServer(config, app.streams(), registry);
        try {
            web.start();
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
        return new PipelineNode(config, app, web);
    }

    URI uri() {
        return web.uri();
    }

    KafkaStreams streams() {
        return app.streams();
    }

    /** Waits until Kafka Streams is RUNNING; fails after {@code timeout}. */
    PipelineNode awaitRunning(Duration timeout) {
        Poll.until("Kafka Streams RUNNING behind " + web.uri(), timeout, () -> streams().state() == KafkaStreams.State.RUNNING);
        return this;
    }

    @Override
    public void close() {
        try {
            web.close();
        } finally {
            app.close();
        }
    }
}
