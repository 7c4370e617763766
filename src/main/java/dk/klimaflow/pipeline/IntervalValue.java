package dk.klimaflow.pipeline;

import dk.klimaflow.avro.MeteringPoint;
import dk.klimaflow.avro.Quality;

/**
 * One version of the energy of a metering point over an interval of {@code quarters} quarter-hours starting at
 * {@code start}, passed in memory from intake (electricity points) and heat-register spreading to the version store.
 * {@code energyWh} is null only for MISSING. {@code authoritative} values are derived by the pipeline and always replace.
 */
record IntervalValue(MeteringPoint meteringPoint, long start, int quarters, Long energyWh, Quality quality, long sentAt,
                     boolean authoritative) {
}
