package dk.klimaflow.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The bundled files, all from the classpath so the app needs no internet: the dashboard ({@code /} = {@code web/index.html},
 * {@code /static/<file>} = {@code web/<file>}), the OpenAPI document ({@code /openapi.yaml}) and Chart.js from its Maven
 * Central webjar ({@code /vendor/chart.js}, version read from the webjar's pom.properties). Anything else is a JSON 404.
 */
public final class StaticFiles implements Router.RawRoute {
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9_-]+\\.(html|js|css|svg|png|yaml|ico)");
    private static final String WEBJAR = "META-INF/maven/org.webjars.npm/chart.js/pom.properties";
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "svg", "image/svg+xml", "png", "image/png", "yaml", "application/yaml; charset=utf-8",
            "ico", "image/x-icon");

    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();
    private final String chartJs;

    public StaticFiles() {
        this.chartJs = "META-INF/resources/webjars/chart.js/" + chartJsVersion() + "/dist/chart.umd.min.js";
    }

    static String chartJsVersion() {
        try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(WEBJAR)) {
            if (in == null) {
                throw new IllegalStateException("Chart.js webjar not on the classpath (" + WEBJAR + "): add org.webjars.npm:chart.js to the pom");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + WEBJAR, e);
        }
    }

    @Override
    public void handle(HttpExchange ex, QueryParams params) throws IOException {
        String path = ex.getRequestURI().getPath();
        String resource;
        if (path.equals("/") || path.equals("/index.html")) {
            resource = "web/index.html";
        } else if (path.equals("/favicon.ico")) {
            resource = "web/favicon.svg";
        } else if (path.equals("/openapi.yaml")) {
            resource = "web/openapi.yaml";
        } else if (path.equals("/vendor/chart.js")) {
            resource = chartJs;
        } else if (path.startsWith("/static/") && FILE.matcher(path.substring(8)).matches()) {
            resource = "web/" + path.substring(8);
        } else {
            Http.error(ex, 404, "no such page or endpoint: " + path + " (the API is described at /openapi.yaml)");
            return;
        }
        byte[] body = load(resource);
        if (body == null) {
            Http.error(ex, 404, "no such file: " + path);
            return;
        }
        String ext = resource.substring(resource.lastIndexOf('.') + 1);
        Http.bytes(ex, 200, TYPES.getOrDefault(ext, "application/octet-stream"), body,
                resource.startsWith("META-INF") ? "public, max-age=86400" : "no-cache");
    }

    private byte[] load(String resource) throws IOException {
        byte[] cached = cache.get(resource);
        if (cached != null) {
            return cached;
        }
        try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            byte[] body = in.readAllBytes();
            cache.put(resource, body);
            return body;
        }
    }
}
