package dk.klimaflow.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.klimaflow.config.KlimaflowConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * {@link SchemaRegistry} over the Confluent Schema Registry REST API, for Confluent's registry (self-managed or Confluent Cloud
 * with basic auth) and Apicurio's Confluent API ({@code .../apis/ccompat/v7}) alike. Input: the registry base URL and optional
 * {@code user:password}; subjects are {@code <topic>-value} / {@code <topic>-key}. Output: global schema ids and writer schemas,
 * cached per (subject, schema) and per id, since both never change once assigned. Registry errors arrive as
 * {@link SchemaRegistryException} with subject, version, HTTP status and error code in the message.
 */
public final class RestSchemaRegistry implements SchemaRegistry {
    /** Confluent client setting for basic auth credentials ({@code API_KEY:API_SECRET}); read from the klimaflow config. */
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";

    /** How long {@link #schemaById} keeps retrying an answer that is not definite before giving up (default). */
    public static final java.time.Duration DEFAULT_RETRY_TIMEOUT = java.time.Duration.ofSeconds(30);
    private static final long FIRST_BACKOFF_MS = 100;
    private static final long MAX_BACKOFF_MS = 5_000;

    private final RegistryHttp http;
    private final java.time.Duration retryTimeout;
    private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    public RestSchemaRegistry(String baseUrl) {
        this(baseUrl, null);
    }

    /** {@code userInfo} is {@code user:password} or null; credentials in the URL ({@code https://key:secret@host}) work too. */
    public RestSchemaRegistry(String baseUrl, String userInfo) {
        this(baseUrl, userInfo, DEFAULT_RETRY_TIMEOUT);
    }

    /**
     * {@code retryTimeout}: how long a schema lookup by id retries (backoff 0.1 s doubling to 5 s) while the registry gives no
     * definite answer, before it throws {@link SchemaRegistryUnavailableException}.
     */
    public RestSchemaRegistry(String baseUrl, String userInfo, java.time.Duration retryTimeout) {
        this.http = new RegistryHttp(baseUrl, userInfo);
        this.retryTimeout = retryTimeout;
    }

    /** The registry of {@code schema.registry.url}, with {@code basic.auth.user.info} and klimaflow.registry.retry.timeout. */
    public static RestSchemaRegistry fromConfig(KlimaflowConfig config) {
        return new RestSchemaRegistry(config.get(KlimaflowConfig.SCHEMA_REGISTRY_URL), config.get(BASIC_AUTH_USER_INFO),
                config.duration(KlimaflowConfig.REGISTRY_RETRY_TIMEOUT));
    }

    /** The base URL without credentials. */
    public String url() {
        return http.baseUrl();
    }

    @Override
    public int register(String subject, Schema schema) {
        Integer cached = idsBySubject.getOrDefault(subject, Map.of()).get(schema);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = http.send("POST", "/subjects/" + RegistryHttp.segment(subject) + "/versions", schemaBody(schema),
                "register a new version of subject '" + subject + "' (" + schema.getFullName() + ")");
        return remember(subject, schema, answer, "register subject '" + subject + "'");
    }

    @Override
    public int idOf(String subject, Schema schema) {
        Integer cached = idsBySubject.getOrDefault(subject, Map.of()).get(schema);
        if (cached != null) {
            return cached;
        }
        JsonNode answer;
        try {
            answer = http.send("POST", "/subjects/" + RegistryHttp.segment(subject), schemaBody(schema),
                    "look up " + schema.getFullName() + " under subject '" + subject + "' (any version)");
        } catch (SchemaRegistryException e) {
            if (e.httpStatus() == 404) {
                throw new SchemaRegistryException(e.getMessage() + ": register the schema first (auto.register.schemas=true, or"
                        + " the stack/run command registers it)", e.httpStatus(), e.errorCode(), e);
            }
            throw e;
        }
        return remember(subject, schema, answer, "look up subject '" + subject + "'");
    }

    /**
     * The writer schema of global id {@code id}. Only the definite answer "not found" (404, error 40403) and a non-Avro schema
     * fail with {@link SchemaRegistryException}; any other failure is retried with backoff for the retry timeout, then thrown as
     * {@link SchemaRegistryUnavailableException}, so that a registry outage delays records and never rejects them.
     */
    @Override
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        long deadline = System.nanoTime() + retryTimeout.toNanos();
        long backoff = FIRST_BACKOFF_MS;
        while (true) {
            try {
                return fetchSchema(id);
            } catch (SchemaRegistryException e) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (e.schemaNotFound() || e.httpStatus() == 200) {
                    throw e;
                }
                if (left <= 0) {
                    throw new SchemaRegistryUnavailableException("no definite answer from the schema registry for schema id " + id
                            + " within " + retryTimeout + " (klimaflow.registry.retry.timeout): " + e.getMessage(), e);
                }
                try {
                    Thread.sleep(Math.min(backoff, left)); // backoff towards a registry that is down: nothing else to do
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new SchemaRegistryUnavailableException("interrupted while waiting for the schema registry", e);
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
            }
        }
    }

    private Schema fetchSchema(int id) {
        JsonNode answer = http.send("GET", "/schemas/ids/" + id, null, "fetch schema id " + id);
        String type = answer.path("schemaType").asText("AVRO");
        if (!type.equals("AVRO")) {
            throw new SchemaRegistryException("schema id " + id + " at " + url() + " is " + type + ", not AVRO", 200, 0);
        }
        Schema schema = new Schema.Parser().parse(answer.path("schema").asText());
        schemasById.put(id, schema);
        return schema;
    }

    /** All subjects the registry knows. */
    public List<String> subjects() {
        JsonNode answer = http.send("GET", "/subjects", null, "list subjects");
        List<String> out = new ArrayList<>();
        answer.forEach(n -> out.add(n.asText()));
        return out;
    }

    /**
     * The compatibility level in force for {@code subject}: its own setting, else the global one. Confluent answers a subject
     * without its own setting with 404 (error 40408), Apicurio with the global level; both end up here as the effective level.
     */
    public String compatibility(String subject) {
        try {
            JsonNode answer = http.send("GET", "/config/" + RegistryHttp.segment(subject), null,
                    "read compatibility of subject '" + subject + "'");
            return level(answer);
        } catch (SchemaRegistryException e) {
            if (e.httpStatus() != 404) {
                throw e;
            }
            return level(http.send("GET", "/config", null, "read global compatibility"));
        }
    }

    /** Sets the compatibility level of {@code subject} (BACKWARD, FORWARD, FULL, NONE and their _TRANSITIVE forms). */
    public void setCompatibility(String subject, String level) {
        ObjectNode body = RegistryHttp.json().createObjectNode().put("compatibility", level);
        http.send("PUT", "/config/" + RegistryHttp.segment(subject), body,
                "set compatibility of subject '" + subject + "' to " + level);
    }

    private static String level(JsonNode answer) {
        return answer.has("compatibilityLevel") ? answer.get("compatibilityLevel").asText() : answer.path("compatibility").asText();
    }

    private static ObjectNode schemaBody(Schema schema) {
        return RegistryHttp.json().createObjectNode().put("schema", schema.toString());
    }

    private int remember(String subject, Schema schema, JsonNode answer, String what) {
        if (!answer.has("id")) {
            throw new SchemaRegistryException("schema registry at " + url() + " answered " + what + " without an id: " + answer, 200, 0);
        }
        int id = answer.get("id").asInt();
        idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>()).put(schema, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }
}
