package dk.klimaflow.pipeline;

import dk.klimaflow.avro.SectorEmissions;
import dk.klimaflow.avro.SectorTotals;
import dk.klimaflow.domain.Granularity;
import dk.klimaflow.domain.LocalCalendar;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Adds the changes on the aggregate-deltas topic (key GRAN|municipality|sector|carrier|windowStart) to the running total of
 * each window (store {@code sector-emissions}, same key, queryable) and publishes the new total, revision + 1, to
 * emissions.sector.{hourly,daily,monthly,yearly} with key municipality|sector|carrier|windowStart (local ISO time).
 */
final class SectorAggregateProcessor implements Processor<String, SectorTotals, String, SectorEmissions> {
    static final String NAME = "sector-aggregate";

    private ProcessorContext<String, SectorEmissions> context;
    private KeyValueStore<String, SectorEmissions> totals;

    static String sinkName(Granularity g) {
        return "sector-emissions-" + g.name().toLowerCase() + "-sink";
    }

    @Override
    public void init(ProcessorContext<String, SectorEmissions> context) {
        this.context = context;
        this.totals = context.getStateStore(StoreNames.SECTOR_EMISSIONS);
    }

    @Override
    public void process(Record<String, SectorTotals> record) {
        SectorTotals d = record.value();
        long now = context.currentSystemTimeMs();
        SectorEmissions next = TotalsMath.apply(totals.get(record.key()), d, now);
        totals.put(record.key(), next);
        String outKey = d.getMunicipalityCode() + "|" + d.getGpcSector() + "|" + d.getCarrier() + "|" + LocalCalendar.isoLocal(d.getWindowStart());
        context.forward(new Record<>(outKey, next, now), sinkName(Granularity.valueOf(d.getGranularity())));
    }
}
