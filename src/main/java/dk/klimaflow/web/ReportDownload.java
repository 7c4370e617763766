package dk.klimaflow.web;

import com.sun.net.httpserver.HttpExchange;
import dk.klimaflow.avro.Carrier;
import dk.klimaflow.config.ConfigException;
import dk.klimaflow.report.AnnualAccount;
import dk.klimaflow.report.AnnualReport;
import dk.klimaflow.report.ReportFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.KafkaException;

/**
 * {@code GET /api/report?municipality=0187&year=2026&format=md|csv|json}: the annual GPC account as a file download, the same
 * report as {@code klimaflow report} ({@link AnnualReport#build} over a fresh {@link AnnualReport.Source}, by default an
 * {@code AggregateReader} on the aggregate, metering-point and factor topics, rendered by {@link ReportFormat}). Answers with
 * {@code Content-Disposition: attachment; filename="klimaflow-gpc-0187-2026.md"}. Year defaults to the current local year,
 * format to {@code md}. At most two reports are built at a time (each reads the topics with its own consumer); a third
 * waits up to 20 s, then gets a 503. Kafka unreachable is a 503 with the reader's message.
 */
final class ReportDownload {
    static final Set<String> FORMATS = Set.of("md", "csv", "json");
    private static final Map<String, String> TYPES = Map.of(
            "md", "text/markdown; charset=utf-8",
            "csv", "text/csv; charset=utf-8",
            "json", "application/json; charset=utf-8");

    private final Supplier<AnnualReport.Source> sources;
    private final Map<Carrier, String> methods;
    private final double baselineTonnes;
    private final Clock clock;
    private final Semaphore building = new Semaphore(2);

    ReportDownload(Supplier<AnnualReport.Source> sources, Map<Carrier, String> methods, double baselineTonnes, Clock clock) {
        this.sources = sources;
        this.methods = methods;
        this.baselineTonnes = baselineTonnes;
        this.clock = clock;
    }

    void handle(HttpExchange ex, QueryParams p) throws IOException {
        p.allowOnly(Set.of("municipality", "year", "format"));
        String municipality = EmissionsQuery.municipality(p.optional("municipality").orElse(ApiRoutes.DEFAULT_MUNICIPALITY));
        Instant now = clock.instant();
        int year = (int) p.longParam("year", now.atZone(Granularity.ZONE).getYear(), 1990, 2100);
        String format = p.optional("format").orElse("md");
        if (!FORMATS.contains(format)) {
            throw ApiException.badRequest("parameter 'format' = '" + format + "' is not one of md, csv, json");
        }
        String body = ReportFormat.render(account(municipality, year, now), format);
        ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + filename(municipality, year, format) + "\"");
        Http.bytes(ex, 200, TYPES.get(format), body.getBytes(StandardCharsets.UTF_8), "no-store");
    }

    static String filename(String municipality, int year, String format) {
        return "klimaflow-gpc-" + municipality + "-" + year + "." + format;
    }

    private AnnualAccount account(String municipality, int year, Instant now) {
        try {
            if (!building.tryAcquire(20, TimeUnit.SECONDS)) {
                throw ApiException.unavailable("two reports are being built on this instance right now: retry in a few seconds");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted while waiting to build the report: retry");
        }
        try (AnnualReport.Source source = sources.get()) {
            return AnnualReport.build(source, municipality, year, methods, baselineTonnes, now);
        } catch (ConfigException | KafkaException e) {
            throw ApiException.unavailable("cannot read the aggregates for the report: " + e.getMessage());
        } finally {
            building.release();
        }
    }
}
