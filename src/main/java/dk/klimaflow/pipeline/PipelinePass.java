package dk.klimaflow.pipeline;

import dk.klimaflow.config.KlimaflowConfig;
import dk.klimaflow.config.Topics;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Which pass of {@link EmissionsPipeline} runs, and so which topics it reads and writes, from {@code klimaflow.mode}. The
 * <b>live</b> pass (application id {@code application.id}) reads energy.electricity.readings,
 * energy.district-heating.readings, energy.district-heating.series and energy.metering-points, accepts intervals within {@code klimaflow.correction.horizon},
 * and sums its own {@code <app>-aggregate-deltas} into the published aggregates. The <b>backfill</b> pass (application id
 * {@code <application.id>-backfill}, its own state and factor broadcast) reads energy.backfill.electricity.readings,
 * energy.backfill.district-heating.readings, energy.backfill.district-heating.series and energy.backfill.metering-points, accepts only intervals that end before the
 * live pass's horizon start (older ones up to {@code klimaflow.backfill.horizon}; newer ones, which the live pass counts, are
 * dead-lettered as WITHIN_LIVE_HORIZON), keeps the factors of those years, and writes its window changes into the live
 * pass's aggregate-deltas topic: the live table {@code sector-emissions} adds them to the same windows, so no second writer
 * publishes aggregates. Both read the shared energy.emission-factors.
 *
 * @param applicationId     the Kafka Streams application id of this pass (prefix of its state and internal topics)
 * @param horizon           how old an interval this pass accepts
 * @param liveHorizon       backfill only: intervals must end before now minus this (the live pass's horizon); null when live
 * @param publishAggregates whether this pass runs the sector-emissions table and writes the aggregate topics (live only)
 */
public record PipelinePass(String applicationId, String electricity, String districtHeating, String heatSeries, String meteringPoints,
        String factorBroadcast, String aggregateDeltas, Duration horizon, Duration liveHorizon, boolean publishAggregates) {
    static final String BACKFILL_SUFFIX = "-backfill";

    public static PipelinePass of(KlimaflowConfig config) {
        String live = config.get(StreamsConfig.APPLICATION_ID_CONFIG);
        Duration liveHorizon = config.duration(KlimaflowConfig.CORRECTION_HORIZON);
        if (!config.backfill()) {
            return new PipelinePass(live, Topics.ELECTRICITY, Topics.DISTRICT_HEATING, Topics.DISTRICT_HEATING_SERIES, Topics.METERING_POINTS,
                    StoreNames.factorBroadcastTopic(live), StoreNames.aggregateDeltasTopic(live), liveHorizon, null, true);
        }
        String app = live + BACKFILL_SUFFIX;
        return new PipelinePass(app, Topics.BACKFILL_ELECTRICITY, Topics.BACKFILL_DISTRICT_HEATING,
                Topics.BACKFILL_DISTRICT_HEATING_SERIES, Topics.BACKFILL_METERING_POINTS,
                StoreNames.factorBroadcastTopic(app), StoreNames.aggregateDeltasTopic(live),
                config.duration(KlimaflowConfig.BACKFILL_HORIZON), liveHorizon, false);
    }

    public boolean backfill() {
        return liveHorizon != null;
    }

    /** The co-partitioned inputs of the per-metering-point sub-topology. */
    public List<String> inputs() {
        return List.of(electricity, districtHeating, heatSeries, meteringPoints);
    }

    /** Every topic this pass consumes (for its lag): its inputs, the shared factors and its own factor broadcast. */
    public List<String> sources() {
        return List.of(electricity, districtHeating, heatSeries, meteringPoints, Topics.EMISSION_FACTORS, factorBroadcast);
    }
}
