package dk.klimaflow.web;

import dk.klimaflow.domain.LocalCalendar;
import dk.klimaflow.avro.Carrier;

/**
 * The key layout of the pipeline's {@code sector-emissions} store: {@code GRAN|municipalityCode|gpcSector|carrier|windowStart}
 * with windowStart in epoch millis zero-padded to 13 digits, so that the keys of one series (everything before the window)
 * sort by time and a range scan {@code series + from .. series + to} finds its windows. '~' sorts after every digit, so
 * {@code series + "~"} is the first key after a whole series.
 */
public final class StoreKeys {
    public static final String EMISSIONS_STORE = "sector-emissions";
    public static final String COUNTERS_STORE = "ingest-counters";
    static final String AFTER_SERIES = "~";
    static final String AFTER_PREFIX = "\uffff";

    private StoreKeys() {
    }

    public static String key(Granularity g, String municipality, String sector, Carrier carrier, long windowStartMillis) {
        return series(g, municipality, sector, carrier) + window(windowStartMillis);
    }

    public static String series(Granularity g, String municipality, String sector, Carrier carrier) {
        return g.name() + "|" + municipality + "|" + sector + "|" + carrier.name() + "|";
    }

    /** The common prefix of all series of one municipality at one granularity, optionally of one sector. */
    public static String prefix(Granularity g, String municipality, String sector) {
        return g.name() + "|" + municipality + "|" + (sector == null ? "" : sector + "|");
    }

    public static String window(long windowStartMillis) {
        if (windowStartMillis < 0 || windowStartMillis > 9_999_999_999_999L) {
            throw new IllegalArgumentException("window start out of range: " + windowStartMillis);
        }
        return LocalCalendar.pad13(windowStartMillis);
    }

    /** The series part of a full key: everything up to and including the last '|'. */
    public static String seriesOf(String key) {
        return key.substring(0, key.lastIndexOf('|') + 1);
    }

    /** The carrier field of a full key or series. */
    public static String carrierOf(String key) {
        String[] parts = key.split("\\|");
        return parts.length > 3 ? parts[3] : "";
    }
}
