package dk.klimaflow.pipeline;

import java.util.List;

/**
 * What reaches {@link IntervalVersionProcessor} (key: metering point id): the intervals of one input record
 * ({@link IntervalBatch}, from intake or from the heat registers) or a metering point's history moving to new master data
 * ({@link Reattribution}, from intake).
 */
sealed interface VersionInput extends IntakeEdge permits VersionInput.IntervalBatch, Reattribution {

    /** The quarter-hours one time series or one heat reading brings, applied as one batch. */
    record IntervalBatch(List<IntervalValue> values) implements VersionInput {
    }
}
