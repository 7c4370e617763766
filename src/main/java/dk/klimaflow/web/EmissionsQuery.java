package dk.klimaflow.web;

import dk.klimaflow.avro.Carrier;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A validated query over the {@code sector-emissions} store: municipality code (4 digits), granularity, the time range
 * [from, to) and optional GPC sector and carrier filters. {@code from} is moved back to the start of the window it falls in,
 * so the answer holds every window that overlaps the range. Built from the parameters of {@code /api/emissions} and
 * {@code /api/totals}; every problem is a 400 naming the parameter.
 */
public record EmissionsQuery(String municipality, Granularity granularity, Instant from, Instant to, String sector, Carrier carrier) {
    public static final Set<String> PARAMETERS = Set.of("municipality", "granularity", "from", "to", "sector", "carrier");
    private static final Pattern MUNICIPALITY = Pattern.compile("\\d{4}");
    private static final Pattern SECTOR = Pattern.compile("[IVX]{1,3}(\\.\\d{1,2}){1,2}");

    public static EmissionsQuery parse(QueryParams p) {
        p.allowOnly(PARAMETERS);
        String municipality = municipality(p.required("municipality", "0187"));
        Granularity granularity = Granularity.parse(p.required("granularity", "day"));
        Instant from = granularity.windowStart(p.instant("from", "2026-11-01"));
        Instant to = p.instant("to", "2026-12-01");
        if (from.toEpochMilli() < 0 || to.toEpochMilli() > 9_999_999_999_999L) {
            throw ApiException.badRequest("range " + from + " .. " + to + " is outside 1970 .. 2286: give a range within it");
        }
        if (!to.isAfter(from)) {
            throw ApiException.badRequest("parameter 'to' (" + to + ") must be after 'from' (" + from + ")");
        }
        if (to.toEpochMilli() - from.toEpochMilli() > granularity.maxRange().toMillis()) {
            throw ApiException.badRequest("range " + from + " .. " + to + " is too long for granularity " + granularity.lower()
                    + ": at most " + granularity.maxRange().toDays() + " days; use a coarser granularity or a shorter range");
        }
        String sector = p.optional("sector").map(EmissionsQuery::sector).orElse(null);
        Carrier carrier = p.optional("carrier").map(EmissionsQuery::carrier).orElse(null);
        return new EmissionsQuery(municipality, granularity, from, to, sector, carrier);
    }

    static String municipality(String value) {
        if (!MUNICIPALITY.matcher(value).matches()) {
            throw ApiException.badRequest("parameter 'municipality' = '" + value + "' is not a 4-digit Danish municipality code, e.g. 0187");
        }
        return value;
    }

    static String sector(String value) {
        if (!SECTOR.matcher(value).matches()) {
            throw ApiException.badRequest("parameter 'sector' = '" + value + "' is not a GPC sub-sector such as I.1, I.2 or II.1");
        }
        return value;
    }

    /** Accepts the enum names and the lower-case, hyphenated forms: {@code electricity}, {@code district-heating}. */
    static Carrier carrier(String value) {
        String v = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return Carrier.valueOf(v);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("parameter 'carrier' = '" + value + "' is not one of electricity, district-heating");
        }
    }

    /** The query as parameters another instance parses to the same query (times as UTC instants). */
    public String toQueryString() {
        StringBuilder sb = new StringBuilder("municipality=").append(municipality).append("&granularity=").append(granularity.lower())
                .append("&from=").append(from).append("&to=").append(to);
        if (sector != null) {
            sb.append("&sector=").append(sector);
        }
        if (carrier != null) {
            sb.append("&carrier=").append(carrier.name());
        }
        return sb.toString();
    }

    public long fromMillis() {
        return from.toEpochMilli();
    }

    public long toMillis() {
        return to.toEpochMilli();
    }
}
