package dk.klimaflow.pipeline;

import dk.klimaflow.avro.DistrictHeatingReading;
import dk.klimaflow.avro.DistrictHeatingSeries;
import dk.klimaflow.avro.ElectricityTimeSeries;
import dk.klimaflow.avro.EmissionFactor;
import dk.klimaflow.avro.MeteringPoint;
import dk.klimaflow.avro.ParkedRecord;
import dk.klimaflow.avro.RejectedRecord;
import dk.klimaflow.avro.SectorEmissions;
import dk.klimaflow.registry.AvroSerde;
import dk.klimaflow.registry.SchemaRegistry;

/**
 * The serdes of the pipeline: Confluent wire format through the Schema Registry for public topics, plain Avro binary for
 * state stores and internal topics.
 */
public record PipelineSerdes(AvroSerde<ElectricityTimeSeries> electricity, AvroSerde<DistrictHeatingReading> districtHeating,
                             AvroSerde<MeteringPoint> meteringPoint, AvroSerde<EmissionFactor> emissionFactor,
                             AvroSerde<RejectedRecord> rejected, AvroSerde<SectorEmissions> sectorEmissions,
                             InternalSerde<MeteringPoint> meteringPointState, InternalSerde<ParkedRecord> parkedState,
                             InternalSerde<EmissionFactor> factorState, WindowDeltaSerde totals,
                             InternalSerde<SectorEmissions> sectorEmissionsState,
                             AvroSerde<DistrictHeatingSeries> districtHeatingSeries) {

    public static PipelineSerdes create(SchemaRegistry registry, boolean autoRegister) {
        return new PipelineSerdes(
                AvroSerde.forValue(ElectricityTimeSeries.class, registry, autoRegister),
                AvroSerde.forValue(DistrictHeatingReading.class, registry, autoRegister),
                AvroSerde.forValue(MeteringPoint.class, registry, autoRegister),
                AvroSerde.forValue(EmissionFactor.class, registry, autoRegister),
                AvroSerde.forValue(RejectedRecord.class, registry, autoRegister),
                AvroSerde.forValue(SectorEmissions.class, registry, autoRegister),
                new InternalSerde<>(MeteringPoint.class),
                new InternalSerde<>(ParkedRecord.class),
                new InternalSerde<>(EmissionFactor.class),
                new WindowDeltaSerde(),
                new InternalSerde<>(SectorEmissions.class),
                AvroSerde.forValue(DistrictHeatingSeries.class, registry, autoRegister));
    }
}
