package dk.klimaflow.pipeline;

import static dk.klimaflow.pipeline.PipelineHarness.electricityPoint;
import static dk.klimaflow.pipeline.PipelineHarness.series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dk.klimaflow.avro.ReasonCode;
import dk.klimaflow.avro.RejectedRecord;
import dk.klimaflow.avro.Resolution;
import dk.klimaflow.config.Topics;
import dk.klimaflow.domain.Granularity;
import dk.klimaflow.registry.InMemorySchemaRegistry;
import dk.klimaflow.registry.RestSchemaRegistry;
import dk.klimaflow.registry.SchemaRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Defect 2 of issue 8: a registry outage must never reject a reading. The topology reads writer schemas over HTTP from a real
 * local server ({@code /schemas/ids/{id}}) that answers 503 for a while, then the schema: the reading is counted, nothing is
 * dead-lettered. Only the definite answer "schema not found" (HTTP 404, error code 40403) rejects.
 */
class RegistryOutageTest {
    static final Instant NOW = Instant.parse("2026-06-10T12:00:00Z");
    static final Instant H10 = Instant.parse("2026-06-09T10:00:00Z");
    static final String MP = "571313100000000001";

    final InMemorySchemaRegistry schemas = new InMemorySchemaRegistry();
    final AtomicInteger outageAnswers = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    HttpServer server;
    PipelineHarness h;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/schemas/ids/", this::schemaById);
        server.start();
        RestSchemaRegistry overHttp = new RestSchemaRegistry("http://127.0.0.1:" + server.getAddress().getPort(), null, Duration.ofSeconds(2));
        SchemaRegistry reader = new SchemaRegistry() { // writes (sinks) register in memory; every read goes over HTTP
            public int register(String subject, Schema schema) { return schemas.register(subject, schema); }
            public int idOf(String subject, Schema schema) { return schemas.idOf(subject, schema); }
            public Schema schemaById(int id) { return overHttp.schemaById(id); }
        };
        h = new PipelineHarness(NOW, Map.of(), schemas, reader);
    }

    @AfterEach
    void stop() {
        h.close();
        server.stop(0);
    }

    private void schemaById(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        if (outageAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            answer(ex, 503, "{\"error_code\":50003,\"message\":\"Error while forwarding the request to the leader\"}");
            return;
        }
        String path = ex.getRequestURI().getPath();
        int id = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
        try {
            Schema schema = schemas.schemaById(id);
            answer(ex, 200, "{\"schema\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(schema.toString()) + "}");
        } catch (RuntimeException e) {
            answer(ex, 404, "{\"error_code\":40403,\"message\":\"Schema " + id + " not found\"}");
        }
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Test
    void shouldCountAReadingThatArrivesWhileTheRegistryAnswers503() {
        h.send(electricityPoint(MP, "I.1", false));
        outageAnswers.set(3);
        h.send(series(MP, H10, Resolution.PT1H, NOW, 1000L));
        h.flush();

        assertThat(h.rejected()).isEmpty();
        assertThat(h.latest(Granularity.HOUR).values()).singleElement().extracting(s -> s.getEnergyWh()).isEqualTo(1000L);
        assertThat(requests.get()).isGreaterThan(3);
        assertThat(h.counters()).containsEntry("in", 1L).containsEntry("accepted", 1L);
    }

    @Test
    void shouldThrowARetriableFailureAndRejectNothingWhileTheRegistryStaysDownThenCountTheRetry() {
        h.send(electricityPoint(MP, "I.1", false));
        outageAnswers.set(Integer.MAX_VALUE);
        byte[] reading = h.serdes.electricity().serialize(Topics.ELECTRICITY, series(MP, H10, Resolution.PT1H, NOW, 1000L));

        assertThatThrownBy(() -> h.pipeBytes(Topics.ELECTRICITY, MP, reading))
                .hasStackTraceContaining("SchemaRegistryUnavailableException")
                .hasStackTraceContaining("klimaflow.registry.retry.timeout");
        assertThat(h.rejected()).isEmpty();

        outageAnswers.set(0); // the registry is back; the replaced stream thread reads the same record again
        h.pipeBytes(Topics.ELECTRICITY, MP, reading);
        h.flush();
        assertThat(h.rejected()).isEmpty();
        assertThat(h.latest(Granularity.HOUR).values()).singleElement().extracting(s -> s.getEnergyWh()).isEqualTo(1000L);
    }

    @Test
    void shouldRejectAnUnknownSchemaIdOnlyOnTheDefiniteAnswer40403() {
        h.send(electricityPoint(MP, "I.1", false));
        h.pipeBytes(Topics.ELECTRICITY, MP, new byte[] {0, 0, 0, 0, 0x7f, 2});
        h.flush();

        assertThat(h.rejected()).singleElement().satisfies(r -> {
            assertThat(r.getReasonCode()).isEqualTo(ReasonCode.MALFORMED);
            assertThat(r.getReason()).contains("unknown schema id 127");
        });
    }
}
