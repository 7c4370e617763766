package dk.klimaflow.pipeline;

/**
 * Names of every state store, processor and internal topic of the pipeline, fixed here so changelog and internal topic
 * names stay stable across releases.
 */
public final class StoreNames {
    public static final String METERING_POINTS = "metering-points";
    public static final String PARKED = "parked";
    public static final String HEAT_REGISTERS = "heat-registers";
    public static final String HEAT_SILENCE = "heat-silence";
    public static final String INTERVAL_VERSIONS = "interval-versions";
    public static final String PRESENCE = "presence";
    public static final String RETIRED_METERING_POINTS = "retired-metering-points";
    public static final String FACTORS = "emission-factors";
    public static final String FACTOR_CELLS = "factor-cells";
    public static final String YEAR_ENERGY = "year-energy";
    public static final String UNPUBLISHED_CHANGES = "unpublished-changes";
    public static final String COUNTERS = "ingest-counters";
    public static final String SECTOR_EMISSIONS = "sector-emissions";

    private StoreNames() {
    }

    /** Internal topic carrying every emission factor to every partition (a broadcast). */
    public static String factorBroadcastTopic(String applicationId) {
        return applicationId + "-factor-broadcast";
    }

    /** Internal topic carrying additive aggregate changes, keyed by aggregate window. */
    public static String aggregateDeltasTopic(String applicationId) {
        return applicationId + "-aggregate-deltas";
    }
}
