package dk.klimaflow.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The HTTP side of {@link RestSchemaRegistry}: sends JSON requests of the Confluent Schema Registry REST API
 * ({@code application/vnd.schemaregistry.v1+json}) to a base URL, with optional basic auth, and turns error answers
 * ({@code {"error_code":..., "message":...}}) and connection failures into {@link SchemaRegistryException}s whose message names
 * the operation, subject, version, HTTP status and error code. Inputs: a method, a path below the base URL, a JSON body or null;
 * output: the parsed JSON answer.
 */
final class RegistryHttp {
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String authorization;
    private final HttpClient client;

    /** {@code userInfo} is {@code user:password} (Confluent Cloud API key and secret) or null for no authentication. */
    RegistryHttp(String baseUrl, String userInfo) {
        URI uri = URI.create(baseUrl);
        String fromUrl = uri.getRawUserInfo();
        if (fromUrl != null) {
            // http://key:secret@host/... : take the credentials out of the URL so they are never printed
            baseUrl = baseUrl.replace(fromUrl + "@", "");
            userInfo = userInfo != null ? userInfo : java.net.URLDecoder.decode(fromUrl, StandardCharsets.UTF_8);
        }
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.authorization = userInfo == null || userInfo.isBlank() ? null
                : "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    String baseUrl() {
        return baseUrl;
    }

    static String segment(String pathPart) {
        return URLEncoder.encode(pathPart, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static ObjectMapper json() {
        return JSON;
    }

    /**
     * Sends the request and returns the JSON answer of a 2xx response. {@code what} describes the operation for error messages,
     * e.g. "register schema under subject 'x-value' (version: new)".
     */
    JsonNode send(String method, String path, JsonNode body, String what) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", CONTENT_TYPE + ", application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE);
            request.method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw unreachable(e);
        } catch (IOException e) {
            if (e.getCause() instanceof ConnectException) {
                throw unreachable(e);
            }
            throw new SchemaRegistryException("schema registry at " + baseUrl + " failed to " + what + ": " + e, 0, 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("interrupted while trying to " + what + " at " + baseUrl, 0, 0, e);
        }
        return parse(response, what);
    }

    private SchemaRegistryException unreachable(Exception e) {
        return new SchemaRegistryException("schema registry unreachable at " + baseUrl + ": start it or set schema.registry.url (--registry-url)", 0, 0, e);
    }

    private JsonNode parse(HttpResponse<String> response, String what) {
        int status = response.statusCode();
        JsonNode node;
        try {
            node = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            node = null;
        }
        if (status >= 200 && status < 300 && node != null) {
            return node;
        }
        int errorCode = node != null && node.has("error_code") ? node.get("error_code").asInt() : status;
        String message = node != null && node.has("message") ? node.get("message").asText() : abbreviate(response.body());
        String hint = switch (status) {
            case 401, 403 -> " (check basic.auth.user.info)";
            case 409 -> " (make the change compatible with the registered versions, e.g. new fields need defaults, or change the"
                    + " subject's compatibility level)";
            default -> "";
        };
        throw new SchemaRegistryException("schema registry at " + baseUrl + " refused to " + what + ": HTTP " + status + ", error code "
                + errorCode + ": " + message + hint, status, errorCode);
    }

    private static String abbreviate(String body) {
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
    }
}
