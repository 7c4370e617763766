package dk.klimaflow.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON endpoints, public ({@code /api/...}, described in {@code openapi.yaml}) and internal ({@code /internal/...}, this
 * instance's local part of an answer, asked by the other instances). Each parses and validates its parameters, asks
 * {@link ClusterQuery} (or {@link LocalStores} for internal ones) and shapes the answer.
 */
final class ApiRoutes {
    /** The answer of {@code /api/emissions}. */
    record EmissionsAnswer(String municipality, String granularity, String from, String to, String sector, String carrier, int count,
                           List<EmissionWindow> windows) {
    }

    static final String DEFAULT_MUNICIPALITY = "0187";

    private final ClusterQuery cluster;
    private final LocalStores local;
    private final RejectedPager rejected;
    private final double baselineTonnes;
    private final Clock clock;

    ApiRoutes(ClusterQuery cluster, LocalStores local, RejectedPager rejected, double baselineTonnes, Clock clock) {
        this.cluster = cluster;
        this.local = local;
        this.rejected = rejected;
        this.baselineTonnes = baselineTonnes;
        this.clock = clock;
    }

    Router register(Router router) {
        return router
                .json("/api/emissions", this::emissions)
                .json("/api/totals", p -> Totals.of(EmissionsQuery.parse(p), cluster.windows(EmissionsQuery.parse(p))))
                .json("/api/window", this::window)
                .json("/api/counters", p -> {
                    p.allowOnly(Set.of());
                    return cluster.counters();
                })
                .json("/api/rejected", this::rejected)
                .json("/api/dk2020", this::dk2020)
                .json("/api/config", this::config)
                .json("/internal/emissions", p -> local.windows(EmissionsQuery.parse(p)))
                .json("/internal/window", p -> {
                    p.allowOnly(Set.of("granularity", "key"));
                    return local.window(Granularity.parse(p.required("granularity", "day")), p.required("key", "DAY|0187|I.1|ELECTRICITY|0001790000000000"));
                })
                .json("/internal/counters", p -> cluster.localCounters());
    }

    EmissionsAnswer emissions(QueryParams p) {
        EmissionsQuery q = EmissionsQuery.parse(p);
        List<EmissionWindow> windows = cluster.windows(q);
        return new EmissionsAnswer(q.municipality(), q.granularity().lower(), EmissionWindow.time(q.from()), EmissionWindow.time(q.to()),
                q.sector(), q.carrier() == null ? null : q.carrier().name(), windows.size(), windows);
    }

    EmissionWindow window(QueryParams p) {
        p.allowOnly(Set.of("municipality", "granularity", "sector", "carrier", "start"));
        String municipality = EmissionsQuery.municipality(p.required("municipality", DEFAULT_MUNICIPALITY));
        Granularity g = Granularity.parse(p.required("granularity", "day"));
        String sector = EmissionsQuery.sector(p.required("sector", "I.1"));
        var carrier = EmissionsQuery.carrier(p.required("carrier", "electricity"));
        Instant start = g.windowStart(p.instant("start", "2026-11-01"));
        if (start.toEpochMilli() < 0) {
            throw ApiException.badRequest("parameter 'start' is before 1970: give a time from 1970 on");
        }
        return cluster.window(g, StoreKeys.key(g, municipality, sector, carrier, start.toEpochMilli()));
    }

    RejectedPager.Page rejected(QueryParams p) {
        p.allowOnly(Set.of("partition", "offset", "limit"));
        Integer partition = p.optional("partition").isPresent() ? (int) p.longParam("partition", 0, 0, 10_000) : null;
        RejectedCursor cursor = p.optional("offset").map(RejectedCursor::parse).orElse(RejectedCursor.start());
        int limit = (int) p.longParam("limit", 50, 1, 500);
        return rejected.page(partition, cursor, limit);
    }

    Dk2020 dk2020(QueryParams p) {
        p.allowOnly(Set.of("municipality", "year"));
        String municipality = EmissionsQuery.municipality(p.optional("municipality").orElse(DEFAULT_MUNICIPALITY));
        Instant now = clock.instant();
        int year = (int) p.longParam("year", now.atZone(Granularity.ZONE).getYear(), 1990, 2100);
        Instant start = LocalDate.of(year, 1, 1).atStartOfDay(Granularity.ZONE).toInstant();
        Instant end = LocalDate.of(year + 1, 1, 1).atStartOfDay(Granularity.ZONE).toInstant();
        EmissionsQuery q = new EmissionsQuery(municipality, Granularity.YEAR, start, end, null, null);
        long grams = cluster.windows(q).stream().mapToLong(EmissionWindow::co2eGrams).sum();
        double elapsed = Math.min(1, Math.max(0, (now.toEpochMilli() - start.toEpochMilli()) / (double) (end.toEpochMilli() - start.toEpochMilli())));
        return Dk2020.of(baselineTonnes, year, grams / 1e6, elapsed);
    }

    Map<String, Object> config(QueryParams p) {
        p.allowOnly(Set.of());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("defaultMunicipality", DEFAULT_MUNICIPALITY);
        out.put("municipalities", Map.of("0187", "Vallensbæk"));
        out.put("baseline1990Tonnes", baselineTonnes);
        out.put("timeZone", Granularity.ZONE.getId());
        out.put("serverTime", clock.instant().toString());
        return out;
    }
}
