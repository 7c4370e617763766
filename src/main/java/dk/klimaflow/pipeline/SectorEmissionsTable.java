package dk.klimaflow.pipeline;

import dk.klimaflow.avro.SectorEmissions;
import dk.klimaflow.domain.Granularity;
import dk.klimaflow.domain.LocalCalendar;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The published aggregates, as a table. Input: the aggregate-deltas topic (key GRAN|municipality|sector|carrier|windowStart,
 * value an additive {@link WindowDelta}). The changes are summed per window into the queryable table
 * {@code sector-emissions} (same key, {@link SectorEmissions}, revision + 1 per change); its record cache coalesces the updates
 * of a window between commits, so the output topics emissions.sector.{hourly,daily,monthly,yearly} (key
 * municipality|sector|carrier|windowStart in local ISO time) get the latest total of each changed window once per commit
 * interval, in the same transaction as the changes that made it.
 */
final class SectorEmissionsTable {
    static final String NAME = "sector-aggregate";

    private SectorEmissionsTable() {
    }

    static void build(StreamsBuilder builder, String deltasTopic, PipelineSerdes serdes, CommitPacing pacing) {
        KStream<String, SectorEmissions> updates = builder
                .stream(deltasTopic, Consumed.with(Serdes.String(), serdes.totals()).withName("aggregate-deltas-source"))
                .groupByKey(Grouped.as(NAME))
                .aggregate(() -> null, (key, change, total) -> TotalsMath.apply(total, key, change, System.currentTimeMillis()), Named.as(NAME),
                        Materialized.<String, SectorEmissions, org.apache.kafka.streams.state.KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]>>as(
                                StoreNames.SECTOR_EMISSIONS).withKeySerde(Serdes.String()).withValueSerde(serdes.sectorEmissionsState()))
                .toStream(Named.as(NAME + "-updates"));
        var branches = updates.split(Named.as("sector-emissions-"));
        for (Granularity g : Granularity.values()) {
            String prefix = g.name() + "|";
            branches.branch((key, value) -> key.startsWith(prefix), Branched.withConsumer(s -> s
                    .process(() -> new Publish(pacing), Named.as(publishName(g)))
                    .to(g.topic(), Produced.with(Serdes.String(), serdes.sectorEmissions()).withName(sinkName(g))), g.name().toLowerCase()));
        }
        branches.noDefaultBranch();
    }

    static String sinkName(Granularity g) {
        return "sector-emissions-" + g.name().toLowerCase() + "-sink";
    }

    private static String publishName(Granularity g) {
        return "sector-emissions-" + g.name().toLowerCase() + "-publish";
    }

    /**
     * Re-keys a window's total to its public key and stamps it with the moment it is published. Like factor-cells, it asks
     * for a commit every caught-up commit interval ({@link CommitPacing}): a thread whose factor-cells tasks had no input
     * must still publish the totals its aggregate tasks changed without waiting for the backlog interval.
     */
    private static final class Publish implements Processor<String, SectorEmissions, String, SectorEmissions> {
        private final CommitPacing pacing;
        private ProcessorContext<String, SectorEmissions> context;

        Publish(CommitPacing pacing) {
            this.pacing = pacing;
        }

        @Override
        public void init(ProcessorContext<String, SectorEmissions> context) {
            this.context = context;
            if (pacing.enabled()) {
                context.schedule(java.time.Duration.ofMillis(pacing.caughtUpMs()), PunctuationType.WALL_CLOCK_TIME, now -> {
                    if (!pacing.behind()) {
                        context.commit();
                    }
                });
            }
        }

        @Override
        public void process(Record<String, SectorEmissions> record) {
            SectorEmissions e = record.value();
            if (e == null) {
                return;
            }
            long now = context.currentSystemTimeMs();
            e.setUpdatedAt(java.time.Instant.ofEpochMilli(now)); // a fresh copy from the table's store: safe to stamp in place
            String key = e.getMunicipalityCode() + "|" + e.getGpcSector() + "|" + e.getCarrier() + "|" + LocalCalendar.isoLocal(e.getWindowStart().toEpochMilli());
            context.forward(new Record<>(key, e, now));
        }
    }
}
