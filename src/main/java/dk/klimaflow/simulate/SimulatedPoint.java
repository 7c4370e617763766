package dk.klimaflow.simulate;

import dk.klimaflow.avro.MeteringPoint;

/** A metering point the simulator produces readings for: its master data, annual consumption in kWh and noise address. */
record SimulatedPoint(MeteringPoint point, double annualKwh, long hash) {

    SimulatedPoint(MeteringPoint point, double annualKwh) {
        this(point, annualKwh, Noise.of(point.getId()));
    }

    String id() {
        return point.getId();
    }

    String sector() {
        return point.getGpcSector();
    }
}
