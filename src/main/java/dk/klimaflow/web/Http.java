package dk.klimaflow.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writing answers on a {@link HttpExchange}: JSON through the one shared {@link ObjectMapper}, plain text, bytes, and errors
 * as {@code {"status":400,"error":"Bad Request","message":"..."}}. Every answer says {@code Cache-Control: no-store} unless it
 * is a bundled static file.
 */
public final class Http {
    public static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Http() {
    }

    public static void json(HttpExchange ex, int status, Object body) throws IOException {
        bytes(ex, status, "application/json; charset=utf-8", JSON.writeValueAsBytes(body), "no-store");
    }

    public static void text(HttpExchange ex, int status, String contentType, String body) throws IOException {
        bytes(ex, status, contentType, body.getBytes(StandardCharsets.UTF_8), "no-store");
    }

    public static void error(HttpExchange ex, int status, String message) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", reason(status));
        body.put("message", message);
        json(ex, status, body);
    }

    public static void bytes(HttpExchange ex, int status, String contentType, byte[] body, String cacheControl) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.getResponseHeaders().set("Cache-Control", cacheControl);
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        boolean head = "HEAD".equals(ex.getRequestMethod());
        ex.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
        ex.close();
    }

    static String reason(int status) {
        switch (status) {
            case 400: return "Bad Request";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 502: return "Bad Gateway";
            case 503: return "Service Unavailable";
            default: return status >= 500 ? "Internal Server Error" : "Error";
        }
    }
}
