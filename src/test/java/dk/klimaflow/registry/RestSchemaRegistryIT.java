package dk.klimaflow.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.klimaflow.avro.ElectricityTimeSeries;
import dk.klimaflow.embedded.EmbeddedRegistry;
import dk.klimaflow.embedded.Ports;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RestSchemaRegistry} against a real Apicurio registry (Confluent API), one registry for the class. */
class RestSchemaRegistryIT {
    @TempDir
    static Path dataDir;
    static EmbeddedRegistry server;
    static RestSchemaRegistry registry;

    @BeforeAll
    static void startRegistry() {
        server = new EmbeddedRegistry(Ports.free(), dataDir).start();
        registry = new RestSchemaRegistry(server.url());
    }

    @AfterAll
    static void stopRegistry() {
        if (server != null) {
            server.close();
        }
    }

    private static Schema reading(String valueType) {
        return SchemaBuilder.record("Reading").namespace("dk.klimaflow.test").fields()
                .name("id").type().stringType().noDefault()
                .name("value").type(valueType).noDefault()
                .endRecord();
    }

    @Test
    void shouldRegisterIdempotentlyAndLookUpTheSameId() {
        Schema schema = ElectricityTimeSeries.getClassSchema();

        int id = registry.register("it-register-value", schema);
        int again = new RestSchemaRegistry(server.url()).register("it-register-value", schema);
        int lookedUp = new RestSchemaRegistry(server.url()).idOf("it-register-value", schema);

        assertThat(again).isEqualTo(id);
        assertThat(lookedUp).isEqualTo(id);
        assertThat(registry.subjects()).contains("it-register-value");
    }

    @Test
    void shouldFetchTheSchemaById() {
        Schema schema = ElectricityTimeSeries.getClassSchema();
        int id = registry.register("it-byid-value", schema);

        Schema fetched = new RestSchemaRegistry(server.url()).schemaById(id);

        assertThat(fetched).isEqualTo(schema);
    }

    @Test
    void shouldRejectAnIncompatibleSchemaWithSubjectStatusAndCode() {
        registry.register("it-compat-value", reading("string"));

        assertThatThrownBy(() -> registry.register("it-compat-value", reading("int")))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("it-compat-value")
                .hasMessageContaining("HTTP 409")
                .satisfies(e -> assertThat(((SchemaRegistryException) e).httpStatus()).isEqualTo(409));
    }

    @Test
    void shouldNameTheSubjectWhenLookingUpAnUnknownSubject() {
        assertThatThrownBy(() -> registry.idOf("it-unknown-value", reading("string")))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("it-unknown-value")
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining("40401")
                .hasMessageContaining("auto.register.schemas");
    }

    @Test
    void shouldFailClearlyOnAnUnknownSchemaId() {
        assertThatThrownBy(() -> registry.schemaById(987654))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("schema id 987654")
                .hasMessageContaining("40403");
    }

    @Test
    void shouldReadTheGlobalCompatibilityAndASubjectOverride() {
        registry.register("it-config-value", reading("string"));

        assertThat(registry.compatibility("it-config-value")).isEqualTo("BACKWARD");
        registry.setCompatibility("it-config-value", "FULL");
        assertThat(registry.compatibility("it-config-value")).isEqualTo("FULL");
    }

    @Test
    void shouldSayTheRegistryIsUnreachableAndHowToFixIt() {
        String url = "http://127.0.0.1:" + Ports.free() + "/apis/ccompat/v7";

        assertThatThrownBy(() -> new RestSchemaRegistry(url).subjects())
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessage("schema registry unreachable at " + url + ": start it or set schema.registry.url (--registry-url)");
    }
}
