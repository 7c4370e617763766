package dk.klimaflow.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one handler of the web server: dispatches GET (and HEAD) requests by exact path to a JSON {@link Route} or a raw
 * {@link RawRoute} (SSE, metrics, static files as fallback), and turns exceptions into JSON errors: {@link ApiException} with
 * its status, a store in transition as 503, anything else as 500 with its message (and a log line).
 */
public final class Router implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    /** A JSON endpoint: parameters in, an object to serialise out. */
    @FunctionalInterface
    public interface Route {
        Object answer(QueryParams params);
    }

    /** An endpoint that writes the exchange itself. */
    @FunctionalInterface
    public interface RawRoute {
        void handle(HttpExchange exchange, QueryParams params) throws IOException;
    }

    private final Map<String, Route> json = new LinkedHashMap<>();
    private final Map<String, RawRoute> raw = new LinkedHashMap<>();
    private final RawRoute fallback;

    public Router(RawRoute fallback) {
        this.fallback = fallback;
    }

    public Router json(String path, Route route) {
        json.put(path, route);
        return this;
    }

    public Router raw(String path, RawRoute route) {
        raw.put(path, route);
        return this;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        try {
            String method = ex.getRequestMethod();
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                Http.error(ex, 405, method + " is not supported on " + path + ": klimaflow's web API is read-only, use GET");
                return;
            }
            QueryParams params = QueryParams.parse(ex.getRequestURI().getRawQuery());
            Route route = json.get(path);
            if (route != null) {
                Object answer = route.answer(params);
                if (answer == null) {
                    Http.error(ex, 404, "nothing stored for " + path + "?" + params.raw());
                } else {
                    Http.json(ex, 200, answer);
                }
                return;
            }
            RawRoute rawRoute = raw.get(path);
            (rawRoute != null ? rawRoute : fallback).handle(ex, params);
        } catch (ApiException e) {
            Http.error(ex, e.status(), e.getMessage());
        } catch (InvalidStateStoreException e) {
            Http.error(ex, 503, "state store not queryable right now (rebalancing or restoring): retry in a few seconds (" + e.getMessage() + ")");
        } catch (IOException e) {
            LOG.debug("client went away on {}: {}", path, e.toString());
            ex.close();
        } catch (RuntimeException e) {
            LOG.warn("{} failed", path, e);
            Http.error(ex, 500, path + " failed: " + e);
        }
    }
}
