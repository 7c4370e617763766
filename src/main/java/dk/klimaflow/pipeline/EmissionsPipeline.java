package dk.klimaflow.pipeline;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.config.KlimaflowConfig;
import dk.klimaflow.config.Topics;
import dk.klimaflow.domain.Granularity;
import dk.klimaflow.domain.ReadingRules;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The emissions pipeline as one topology. Sub-topology 1, keyed by metering point id over the co-partitioned inputs
 * energy.electricity.readings, energy.district-heating.readings, energy.metering-points and the internal factor broadcast:
 * intake (validate, own, park) -> heat registers (register to hourly energy) -> interval versions (latest version per
 * quarter-hour, deltas) -> factor cells (price, re-price on factor change, sum per window, publish the task's unpublished
 * window sums once per commit interval). Sub-topology 2 reads
 * energy.emission-factors and broadcasts valid factors to every partition. Sub-topology 3 ({@link SectorEmissionsTable}, the
 * DSL), keyed by aggregate window, sums the changes into table sector-emissions and publishes
 * emissions.sector.{hourly,daily,monthly,yearly} once per commit. Dead letters go to
 * energy.readings.rejected. Every node, store and internal topic is named here. The topics and horizon are those of the
 * {@link PipelinePass} ({@code klimaflow.mode}): the backfill pass reads its own inputs, has no sub-topology 3 and writes its
 * window changes into the live pass's aggregate-deltas topic.
 */
public final class EmissionsPipeline {
    /** Factor cells kept as objects per task after they are written (about 0.3 KB each): the hours a delivery is filling. */
    static final int KEPT_CELLS = 10_000;
    /** Ledger counters and year budgets kept as objects per task: a few per utility and reason, one per year and cell of GPC. */
    static final int KEPT_COUNTERS = 10_000;

    private EmissionsPipeline() {
    }

    public static Topology build(KlimaflowConfig config, PipelineSerdes serdes) {
        return build(config, serdes, CommitPacing.of(config));
    }

    /** The topology, whose factor-cells tasks ask for commits as {@code pacing} says (see {@link CommitPacing}). */
    static Topology build(KlimaflowConfig config, PipelineSerdes serdes, CommitPacing pacing) {
        PipelinePass pass = PipelinePass.of(config);
        String broadcast = pass.factorBroadcast();
        String deltas = pass.aggregateDeltas();
        ReadingRules base = new ReadingRules(pass.horizon().toMillis(),
                config.duration(KlimaflowConfig.CLOCK_SKEW).toMillis(), config.getLong(KlimaflowConfig.MAX_INTERVAL_WH),
                config.getLong(KlimaflowConfig.MAX_HEAT_WH_PER_HOUR), config.getLong(KlimaflowConfig.MAX_SERIES_POINTS));
        ReadingRules rules = pass.backfill() ? base.backfillBefore(pass.liveHorizon().toMillis()) : base;
        Quarantine quarantine = new Quarantine(); // one per topology: survives stream-thread replacement
        HeatTails.PerTask heatTails = new HeatTails.PerTask(); // intake and heat registers of a task share one memo
        PreCommitHooks beforeCommit = new PreCommitHooks(); // factor-cells publishes its window changes at every commit
        Map<Carrier, String> methods = Map.of(Carrier.ELECTRICITY, config.get(KlimaflowConfig.METHOD_ELECTRICITY),
                Carrier.DISTRICT_HEATING, config.get(KlimaflowConfig.METHOD_DISTRICT_HEATING));
        var bytes = Serdes.ByteArray();
        var strings = Serdes.String();

        StreamsBuilder builder = new StreamsBuilder();
        if (pass.publishAggregates()) { // the backfill pass writes into the live pass's deltas topic, and the live table sums them
            SectorEmissionsTable.build(builder, deltas, serdes, pacing);
        }
        Topology t = builder.build();
        t.addSource("factor-source", bytes.deserializer(), bytes.deserializer(), Topics.EMISSION_FACTORS);
        t.addProcessor(FactorBroadcastProcessor.NAME, () -> new FactorBroadcastProcessor(serdes.emissionFactor()), "factor-source");
        t.addSink(FactorBroadcastProcessor.SINK, broadcast, strings.serializer(), FactorEdge.serializer(serdes.factorState().serializer()),
                new FactorBroadcastProcessor.AllPartitions<FactorEdge.Broadcast>(), FactorBroadcastProcessor.NAME);
        t.addProcessor(DeadLetters.FACTORS, DeadLetter.Unwrap::new, FactorBroadcastProcessor.NAME);
        t.addSink(DeadLetters.FACTOR_SINK, Topics.REJECTED, bytes.serializer(), serdes.rejected().serializer(), DeadLetters.FACTORS);

        t.addSource("intake-source", bytes.deserializer(), bytes.deserializer(), pass.electricity(), pass.districtHeating(), pass.heatSeries(),
                pass.meteringPoints());
        t.addSource("factor-broadcast-source", strings.deserializer(), CellInput.factorUpdates(serdes.factorState().deserializer()), broadcast);
        t.addProcessor(IntakeProcessor.NAME, () -> new IntakeProcessor(serdes, rules, Parking.Limits.of(config), quarantine, pass, heatTails),
                "intake-source");
        Retention retention = new Retention(pass.horizon().toMillis());
        Duration silentAfter = pass.backfill() ? Duration.ZERO : config.duration(KlimaflowConfig.HEAT_SILENT_AFTER); // history has no "now"
        t.addProcessor(HeatRegisterProcessor.NAME, () -> new HeatRegisterProcessor(retention, heatTails, silentAfter), IntakeProcessor.NAME);
        t.addProcessor(IntervalVersionProcessor.NAME, () -> new IntervalVersionProcessor(retention), IntakeProcessor.NAME, HeatRegisterProcessor.NAME);
        t.addProcessor(FactorCellProcessor.NAME, () -> new FactorCellProcessor(methods, pass.horizon(),
                config.getInt(KlimaflowConfig.PARTITIONS), pacing, beforeCommit),
                IntervalVersionProcessor.NAME, "factor-broadcast-source");
        t.addProcessor(DeadLetters.INTAKE, DeadLetter.Unwrap::new, IntakeProcessor.NAME);
        t.addSink(DeadLetters.SINK, Topics.REJECTED, bytes.serializer(), serdes.rejected().serializer(), DeadLetters.INTAKE);
        t.addSink(FactorCellProcessor.SINK, deltas, strings.serializer(), serdes.totals().serializer(), FactorCellProcessor.NAME);

        t.addStateStore(uncached(StoreNames.METERING_POINTS, strings, serdes.meteringPointState()), IntakeProcessor.NAME, HeatRegisterProcessor.NAME);
        t.addStateStore(uncached(StoreNames.PARKED, strings, serdes.parkedState()), IntakeProcessor.NAME);
        t.addStateStore(writeBehind(Stores.inMemoryKeyValueStore(StoreNames.COUNTERS), strings, new CounterSerde(), KEPT_COUNTERS, null),
                IntakeProcessor.NAME, IntervalVersionProcessor.NAME);
        t.addStateStore(uncached(StoreNames.HEAT_REGISTERS, strings, bytes), HeatRegisterProcessor.NAME, IntakeProcessor.NAME);
        t.addStateStore(uncached(StoreNames.HEAT_SILENCE, strings, bytes), HeatRegisterProcessor.NAME);
        t.addStateStore(uncached(StoreNames.INTERVAL_VERSIONS, strings, bytes), IntervalVersionProcessor.NAME);
        t.addStateStore(uncached(StoreNames.PRESENCE, strings, bytes), IntervalVersionProcessor.NAME);
        t.addStateStore(inMemory(StoreNames.RETIRED_METERING_POINTS, strings, serdes.meteringPointState()), IntervalVersionProcessor.NAME);
        t.addStateStore(inMemory(StoreNames.FACTORS, strings, serdes.factorState()), FactorCellProcessor.NAME);
        t.addStateStore(writeBehind(Stores.persistentKeyValueStore(StoreNames.FACTOR_CELLS), strings, HourCell.SERDE, KEPT_CELLS, null),
                FactorCellProcessor.NAME);
        t.addStateStore(writeBehind(Stores.inMemoryKeyValueStore(StoreNames.YEAR_ENERGY), strings, new CounterSerde(StoreNames.YEAR_ENERGY),
                KEPT_COUNTERS, null), FactorCellProcessor.NAME);
        t.addStateStore(writeBehind(Stores.inMemoryKeyValueStore(StoreNames.UNPUBLISHED_CHANGES), strings, new WindowDeltaSerde(), 0, beforeCommit),
                FactorCellProcessor.NAME);

        return t;
    }

    /**
     * For small stores read and written seldom (the factors every task holds anyway, the retired metering points): in
     * memory, changelogged and cached, restored from the changelog on start; one RocksDB instance fewer per partition for
     * each (each costs an open at start and a share of the memtable budget).
     */
    private static <V> StoreBuilder<KeyValueStore<String, V>> inMemory(String name, Serde<String> keys, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), keys, values).withCachingEnabled();
    }

    /**
     * For values read and written at every input by their one writer (the unpublished window changes, the factor cells, the
     * ledger counters, the year budgets; in memory or RocksDB beneath): kept as objects and written to the changelogged
     * store beneath once per key and commit; {@code keep} written values stay as objects for the next reads (the factor
     * cells of the hours being loaded are read again at the next input);
     * {@code hooks} run before the store writes at a commit.
     */
    private static <V> StoreBuilder<KeyValueStore<String, V>> writeBehind(KeyValueBytesStoreSupplier store, Serde<String> keys,
            Serde<V> values, int keep, PreCommitHooks hooks) {
        return new WriteBehindStoreBuilder<>(Stores.keyValueStoreBuilder(store, keys, values), keep, hooks);
    }

    /**
     * For keys written about once per input (a metering point's day of versions, presence marks, parked records): a cache
     * would coalesce nothing, and its churn would evict the hot stores' entries, and every eviction flushes that store's whole
     * dirty list, which for sector-emissions means one published update per change instead of one per window and commit.
     */
    private static <V> StoreBuilder<KeyValueStore<String, V>> uncached(String name, Serde<String> keys, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keys, values).withCachingDisabled();
    }
}
