package dk.klimaflow.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The answers only Confluent's registry gives (it cannot run here; Apicurio's are covered by {@link RestSchemaRegistryIT}):
 * 404 with error 40408 for a subject without its own compatibility setting, and basic auth as Confluent Cloud wants it. A JDK
 * HTTP server replays Confluent's documented answers.
 */
class RestSchemaRegistryTest {
    private HttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/config/readings-value", ex -> answer(ex, 404,
                "{\"error_code\":40408,\"message\":\"Subject 'readings-value' does not have subject-level compatibility configured\"}"));
        server.createContext("/config", ex -> answer(ex, 200, "{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}"));
        server.createContext("/subjects", ex -> answer(ex, 401, "{\"error_code\":401,\"message\":\"Unauthorized\"}"));
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange, int status, String body) throws IOException {
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void shouldFallBackToTheGlobalLevelWhenConfluentHasNoSubjectLevel() {
        assertThat(new RestSchemaRegistry(url()).compatibility("readings-value")).isEqualTo("FULL_TRANSITIVE");
    }

    @Test
    void shouldSendBasicAuthFromTheSetting() {
        new RestSchemaRegistry(url() + "/", "key:secret").compatibility("readings-value");

        assertThat(authorizations).containsOnly("Basic a2V5OnNlY3JldA==");
    }

    @Test
    void shouldTakeCredentialsOutOfTheUrlAndNeverPrintThem() {
        RestSchemaRegistry registry = new RestSchemaRegistry(url().replace("http://", "http://key:secret@"));

        assertThatThrownBy(registry::subjects)
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("basic.auth.user.info")
                .hasMessageNotContaining("secret");
        assertThat(authorizations).containsOnly("Basic a2V5OnNlY3JldA==");
        assertThat(registry.url()).isEqualTo(url());
    }
}
