package dk.klimaflow.pipeline;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.MeteringPoint;
import dk.klimaflow.domain.FactorTable;
import dk.klimaflow.domain.LocalCalendar;
import dk.klimaflow.domain.MeteringPointTypes;
import dk.klimaflow.domain.MasterDataRules;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Prices energy with emission factors and restates it when factors change. Inputs: {@link SlotDelta}s from the version
 * store (keyed by metering point) and every emission factor from the internal broadcast topic (key
 * carrier|area|method|edition|validFrom; each task gets all of them, store {@code emission-factors}). Energy is kept per
 * cell and quarter-hour with the factor applied to it ({@link HourCell}, store {@code factor-cells}); a slot delta adds
 * Wh x factor, a factor change adds Wh x (new - old) for every quarter it re-prices, and energy without a factor stays
 * pending, never zero (factor changes: {@link FactorRepricing}). Only consumption (E17) is priced: a production, exchange or child point's energy goes to its own
 * kept-apart figure ({@link WindowDelta#keptApart}) and touches no cell, budget, energy or CO2e. The changes of each input
 * are summed per aggregate window ({@link WindowChanges}), added to the task's
 * {@link UnpublishedChanges} (store {@code unpublished-changes}) and published to the aggregate-deltas topic, key
 * GRAN|municipality|sector|carrier|windowStart, at every commit (right before it: {@link ChangePublisher}). Every sum is
 * overflow-checked and each year is held within its {@link YearBudget} (store {@code year-energy}), so no window can overflow
 * downstream: an input that would break either throws before anything is written, and intake quarantines it.
 */
final class FactorCellProcessor implements Processor<String, CellInput, String, WindowDelta> {
    static final String NAME = "factor-cells";
    static final String SINK = "aggregate-deltas-sink";
    private static final long[] NOT_COUNTED = new long[4]; // kept-apart energy adds no metering point to a window's count

    private final Map<Carrier, String> methods;
    private final Duration horizon;
    private final int partitions;
    private ProcessorContext<String, WindowDelta> context;
    private YearBudget budget;
    private KeyValueStore<String, HourCell> cells;
    private FactorRepricing repricing;
    private UnpublishedChanges unpublished;
    private final CommitPacing pacing;
    private final PreCommitHooks beforeCommit;
    private ChangePublisher publisher;

    FactorCellProcessor(Map<Carrier, String> methods, Duration horizon, int partitions, CommitPacing pacing,
            PreCommitHooks beforeCommit) {
        this.methods = methods;
        this.horizon = horizon;
        this.partitions = partitions;
        this.pacing = pacing;
        this.beforeCommit = beforeCommit;
    }

    @Override
    public void init(ProcessorContext<String, WindowDelta> context) {
        this.context = context;
        this.cells = context.getStateStore(StoreNames.FACTOR_CELLS);
        this.budget = new YearBudget(context.getStateStore(StoreNames.YEAR_ENERGY), partitions);
        this.unpublished = new UnpublishedChanges(context.getStateStore(StoreNames.UNPUBLISHED_CHANGES));
        this.repricing = new FactorRepricing(context.getStateStore(StoreNames.FACTORS), cells, new FactorTable(methods), unpublished, horizon);
        context.schedule(Duration.ofHours(1), PunctuationType.WALL_CLOCK_TIME, repricing::forgetExpired);
        publisher = new ChangePublisher(context, unpublished, SINK, pacing, beforeCommit);
    }

    @Override
    public void close() {
        publisher.close();
    }

    @Override
    public void process(Record<String, CellInput> record) {
        if (record.value() instanceof CellInput.SlotDeltas slots) {
            onSlots(slots.deltas());
        } else if (record.value() instanceof CellInput.FactorUpdate update) {
            repricing.apply(record.key(), update.factor(), context.currentSystemTimeMs());
        }
    }

    static String cellKey(Carrier carrier, String area, long hour, String municipality, String sector) {
        return carrier + "|" + area + "|" + LocalCalendar.pad13(hour) + "|" + municipality + "|" + sector;
    }

    /** A cell in memory while one input is priced: a record's hash is cheap where building the store key per slot is not. */
    private record CellKey(Carrier carrier, String area, long hour, String municipality, String sector) {
        String storeKey() {
            return cellKey(carrier, area, hour, municipality, sector);
        }
    }

    /** A touched cell and its store key, built once for the read and the write. */
    private record Touched(String storeKey, HourCell cell) {
    }

    /**
     * Prices the slot deltas of one input record; each touched cell is read and written once. Consecutive slots of the same
     * metering point and hour (a series' quarters) are summed first, so each window and year budget is touched once per hour.
     */
    private void onSlots(List<SlotDelta> deltas) {
        Map<CellKey, Touched> touched = new HashMap<>();
        WindowChanges batch = new WindowChanges();
        HourRun run = null;
        for (SlotDelta d : deltas) {
            MeteringPoint mp = d.meteringPoint();
            if (!MeteringPointTypes.consumption(mp)) { // production, exchange, child: reported apart, never priced or budgeted
                batch.add(mp.getMunicipalityCode(), mp.getGpcSector(), mp.getCarrier(), d.slotStart(),
                        WindowDelta.keptApart(MeteringPointTypes.of(mp), d.energyWh(), d.restates(), d.sentAt()), NOT_COUNTED);
                continue;
            }
            long hour = LocalCalendar.floorHour(d.slotStart());
            if (run == null || run.meteringPoint != mp || run.hour != hour) {
                addRun(run, batch);
                String area = MasterDataRules.factorArea(mp);
                CellKey key = new CellKey(mp.getCarrier(), area, hour, mp.getMunicipalityCode(), mp.getGpcSector());
                HourCell cell = touched.computeIfAbsent(key, k -> {
                    String storeKey = k.storeKey();
                    HourCell stored = cells.get(storeKey);
                    return new Touched(storeKey, stored == null ? newCell(mp.getCarrier(), area, hour) : stored.copy());
                }).cell();
                run = new HourRun(mp, hour, cell);
            }
            int q = (int) ((d.slotStart() - hour) / LocalCalendar.QUARTER_MS);
            long municipalWh = mp.getMunicipalOperation() ? d.energyWh() : 0;
            run.cell.wh[q] = Math.addExact(run.cell.wh[q], d.energyWh()); // overflow throws: intake quarantines the record
            run.cell.municipalWh[q] = Math.addExact(run.cell.municipalWh[q], municipalWh);
            CellChange change = CellChange.energy(run.cell, q, d.energyWh(), municipalWh);
            run.add(change.toDelta(d.measuredWh(), d.estimatedWh(), d.missingIntervals(), d.restates(), d.sentAt()), d.firstInWindow(), d.energyWh());
        }
        addRun(run, batch);
        budget.commit(); // throws before anything is written if a year would pass its budget
        touched.values().forEach(t -> cells.put(t.storeKey(), t.cell()));
        batch.addTo(unpublished);
    }

    /** The summed changes of consecutive slots of one metering point in one hour (one cell). */
    private static final class HourRun {
        final MeteringPoint meteringPoint;
        final long hour;
        final HourCell cell;
        final WindowDelta sum = new WindowDelta();
        final long[] firstInWindow = new long[4];
        long energyWh;

        HourRun(MeteringPoint meteringPoint, long hour, HourCell cell) {
            this.meteringPoint = meteringPoint;
            this.hour = hour;
            this.cell = cell;
        }

        void add(WindowDelta change, long[] first, long wh) {
            sum.addAll(change);
            for (int g = 0; g < firstInWindow.length; g++) {
                firstInWindow[g] += first[g];
            }
            energyWh = Math.addExact(energyWh, wh);
        }
    }

    private void addRun(HourRun run, WindowChanges batch) {
        if (run == null) {
            return;
        }
        MeteringPoint mp = run.meteringPoint;
        budget.add(mp.getMunicipalityCode(), mp.getGpcSector(), mp.getCarrier(), run.hour, run.energyWh);
        batch.add(mp.getMunicipalityCode(), mp.getGpcSector(), mp.getCarrier(), run.hour, run.sum, run.firstInWindow);
    }

    private HourCell newCell(Carrier carrier, String area, long hour) {
        HourCell cell = new HourCell();
        for (int q = 0; q < HourCell.QUARTERS; q++) {
            CellChange.price(cell, q, repricing.table().resolve(carrier, area, hour + q * LocalCalendar.QUARTER_MS));
        }
        return cell;
    }
}
