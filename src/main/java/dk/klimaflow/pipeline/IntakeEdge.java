package dk.klimaflow.pipeline;

/**
 * What {@link IntakeProcessor} forwards, one record type per edge: a {@link VersionInput} to {@link IntervalVersionProcessor}
 * and {@link HeatRegisterProcessor.MeteredReadings} to {@link HeatRegisterProcessor} (both keyed by metering point id), and a
 * {@link DeadLetter} to the rejected records' sink (through {@link DeadLetter.Unwrap}).
 */
sealed interface IntakeEdge permits VersionInput, HeatRegisterProcessor.MeteredReadings, DeadLetter {
}
