package dk.klimaflow.config;

import java.util.List;
import java.util.Map;

/**
 * Every topic klimaflow reads or writes, with its settings, in one place. Readings, metering points and the internal factor
 * broadcast are co-partitioned (same partition count, keyed by metering point id) so one task sees a metering point's
 * master data, parked readings and interval versions together.
 */
public final class Topics {
    public static final String ELECTRICITY = "energy.electricity.readings";
    public static final String DISTRICT_HEATING = "energy.district-heating.readings";
    /** Bulk deliveries of a heat meter's readings, one record per meter and export ({@code DistrictHeatingSeries}). */
    public static final String DISTRICT_HEATING_SERIES = "energy.district-heating.series";
    public static final String METERING_POINTS = "energy.metering-points";
    public static final String EMISSION_FACTORS = "energy.emission-factors";
    public static final String REJECTED = "energy.readings.rejected";
    public static final String HOURLY = "emissions.sector.hourly";
    public static final String DAILY = "emissions.sector.daily";
    public static final String MONTHLY = "emissions.sector.monthly";
    public static final String YEARLY = "emissions.sector.yearly";
    /** The backfill pass's own inputs (history older than the live correction horizon; see {@code PipelinePass}). */
    public static final String BACKFILL_ELECTRICITY = "energy.backfill.electricity.readings";
    public static final String BACKFILL_DISTRICT_HEATING = "energy.backfill.district-heating.readings";
    public static final String BACKFILL_DISTRICT_HEATING_SERIES = "energy.backfill.district-heating.series";
    public static final String BACKFILL_METERING_POINTS = "energy.backfill.metering-points";

    /** Which generated Avro class is the value of each public topic (the value subject's schema). */
    public static final Map<String, String> VALUE_TYPES = Map.ofEntries(
            Map.entry(ELECTRICITY, "ElectricityTimeSeries"),
            Map.entry(DISTRICT_HEATING, "DistrictHeatingReading"),
            Map.entry(DISTRICT_HEATING_SERIES, "DistrictHeatingSeries"),
            Map.entry(METERING_POINTS, "MeteringPoint"),
            Map.entry(EMISSION_FACTORS, "EmissionFactor"),
            Map.entry(REJECTED, "RejectedRecord"),
            Map.entry(HOURLY, "SectorEmissions"),
            Map.entry(DAILY, "SectorEmissions"),
            Map.entry(MONTHLY, "SectorEmissions"),
            Map.entry(YEARLY, "SectorEmissions"),
            Map.entry(BACKFILL_ELECTRICITY, "ElectricityTimeSeries"),
            Map.entry(BACKFILL_DISTRICT_HEATING, "DistrictHeatingReading"),
            Map.entry(BACKFILL_DISTRICT_HEATING_SERIES, "DistrictHeatingSeries"),
            Map.entry(BACKFILL_METERING_POINTS, "MeteringPoint"));

    public static final List<String> AGGREGATES = List.of(HOURLY, DAILY, MONTHLY, YEARLY);
    public static final List<String> COMPACTED = List.of(METERING_POINTS, EMISSION_FACTORS, HOURLY, DAILY, MONTHLY, YEARLY,
            BACKFILL_METERING_POINTS);

    /** All public topics, inputs first. */
    public static final List<String> ALL = List.of(ELECTRICITY, DISTRICT_HEATING, DISTRICT_HEATING_SERIES, METERING_POINTS,
            EMISSION_FACTORS, REJECTED, HOURLY, DAILY, MONTHLY, YEARLY, BACKFILL_ELECTRICITY, BACKFILL_DISTRICT_HEATING,
            BACKFILL_DISTRICT_HEATING_SERIES, BACKFILL_METERING_POINTS);

    /** The backfill topic of a live input topic (readings and metering points); any other topic is returned as it is. */
    public static String backfillOf(String liveInput) {
        return switch (liveInput) {
            case ELECTRICITY -> BACKFILL_ELECTRICITY;
            case DISTRICT_HEATING -> BACKFILL_DISTRICT_HEATING;
            case DISTRICT_HEATING_SERIES -> BACKFILL_DISTRICT_HEATING_SERIES;
            case METERING_POINTS -> BACKFILL_METERING_POINTS;
            default -> liveInput;
        };
    }

    private Topics() {
    }

    public static boolean compacted(String topic) {
        return COMPACTED.contains(topic);
    }

    /** Topic settings used when klimaflow creates the topic: compaction for master data, factors and the aggregates. */
    public static Map<String, String> settings(String topic) {
        if (compacted(topic)) {
            return Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "60000");
        }
        return Map.of("cleanup.policy", "delete", "retention.ms", String.valueOf(30L * 24 * 3600 * 1000));
    }
}
