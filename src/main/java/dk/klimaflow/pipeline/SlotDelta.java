package dk.klimaflow.pipeline;

import dk.klimaflow.avro.MeteringPoint;

/**
 * The change of one metering point's quarter-hour when a new version replaces the old one, passed in memory from the
 * version store to the factor cells: energy, the quality buckets, missing intervals, and +1 for each window (hour, day,
 * month, year) in which the metering point appears for the first time. Adding these deltas gives the sum over latest
 * versions.
 */
record SlotDelta(MeteringPoint meteringPoint, long slotStart, long energyWh, long measuredWh, long estimatedWh,
                 long missingIntervals, long[] firstInWindow, boolean restates, long sentAt) {
}
