package dk.klimaflow.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.klimaflow.avro.DistrictHeatingReading;
import dk.klimaflow.avro.ElectricityTimeSeries;
import dk.klimaflow.avro.HeatReadingEvent;
import dk.klimaflow.avro.MeteringPoint;
import dk.klimaflow.avro.Quality;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;

/**
 * A producer on a newer schema that adds a quality symbol (DataHub's A01 "adjusted", say) must not break this release's
 * readers: the unknown symbol reads as the enum's default, ESTIMATED, never as MEASURED. A carrier this release does not
 * know has no default on purpose: such a reading cannot be priced and is rejected as MALFORMED.
 */
class EnumEvolutionTest {
    @org.junit.jupiter.api.BeforeAll
    static void trustGeneratedClasses() {
        AvroTrust.ensure(); // else the test fails when run alone (other tests of the JVM usually did it first)
    }

    @Test
    void shouldReadAnUnknownQualitySymbolAsEstimated() throws IOException {
        Schema writer = extended(ElectricityTimeSeries.getClassSchema(), "\"symbols\":[\"MEASURED\",\"ESTIMATED\",\"CALCULATED\",\"MISSING\"]",
                "\"symbols\":[\"MEASURED\",\"ESTIMATED\",\"CALCULATED\",\"MISSING\",\"ADJUSTED\"]");
        Schema pointSchema = writer.getField("points").schema().getElementType();
        GenericRecord point = new GenericData.Record(pointSchema);
        point.put("quantityWh", 250L);
        point.put("quality", new GenericData.EnumSymbol(pointSchema.getField("quality").schema(), "ADJUSTED"));
        GenericRecord series = new GenericData.Record(writer);
        series.put("meteringPointId", "571313100000000016");
        series.put("utilityId", "5790000705689");
        series.put("periodStart", 1_700_000_000_000L);
        series.put("resolution", new GenericData.EnumSymbol(writer.getField("resolution").schema(), "PT15M"));
        series.put("points", new GenericData.Array<>(writer.getField("points").schema(), List.of(point)));
        series.put("sentAt", 1_700_000_000_000L);

        ElectricityTimeSeries read = readAsCurrent(series, ElectricityTimeSeries.getClassSchema());

        assertThat(read.getPoints()).singleElement().satisfies(p -> assertThat(p.getQuality()).isEqualTo(Quality.ESTIMATED));
    }

    @Test
    void shouldReadAHeatReadingWithoutAnEventOrWithAnUnknownOneAsAnOrdinaryReading() throws IOException {
        Schema current = DistrictHeatingReading.getClassSchema();
        String withEvent = current.toString();
        int field = withEvent.indexOf(",{\"name\":\"event\"");
        assertThat(field).isPositive();
        // the schema as published before the field: producers still on it must keep being read
        Schema before = new Schema.Parser().parse(withEvent.substring(0, field) + "]}");
        Schema after = extended(current, "\"symbols\":[\"READING\",\"METER_REMOVED\",\"METER_INSTALLED\"]",
                "\"symbols\":[\"READING\",\"METER_REMOVED\",\"METER_INSTALLED\",\"METER_SWAPPED\"]");
        for (Schema writer : List.of(before, after)) {
            GenericRecord r = new GenericData.Record(writer);
            r.put("meterId", "HM-1");
            r.put("utilityId", "heat");
            r.put("readAt", 1_700_000_000_000L);
            r.put("energyRegister", 10.0);
            r.put("unit", new GenericData.EnumSymbol(writer.getField("unit").schema(), "KWH"));
            r.put("sentAt", 1_700_000_000_000L);
            if (writer == after) {
                r.put("event", new GenericData.EnumSymbol(writer.getField("event").schema(), "METER_SWAPPED"));
            }
            DistrictHeatingReading read = readAsCurrent(r, current);
            assertThat(read.getEvent()).isEqualTo(HeatReadingEvent.READING);
        }
    }

    @Test
    void shouldRefuseAnUnknownCarrier() {
        Schema writer = extended(MeteringPoint.getClassSchema(), "\"symbols\":[\"ELECTRICITY\",\"DISTRICT_HEATING\"]",
                "\"symbols\":[\"ELECTRICITY\",\"DISTRICT_HEATING\",\"GAS\"]");
        GenericRecord mp = new GenericData.Record(writer);
        mp.put("id", "571313100000000016");
        mp.put("carrier", new GenericData.EnumSymbol(writer.getField("carrier").schema(), "GAS"));
        mp.put("utilityId", "5790000705689");
        mp.put("municipalityCode", "0187");
        mp.put("gpcSector", "I.1");
        mp.put("municipalOperation", false);

        assertThatThrownBy(() -> readAsCurrent(mp, MeteringPoint.getClassSchema())).isInstanceOf(AvroTypeException.class);
    }

    private static Schema extended(Schema current, String symbols, String extended) {
        String text = current.toString();
        assertThat(text).contains(symbols);
        return new Schema.Parser().parse(text.replace(symbols, extended));
    }

    private static <T> T readAsCurrent(GenericRecord record, Schema reader) throws IOException {
        for (Schema.Field f : record.getSchema().getFields()) {
            if (record.get(f.name()) == null && f.hasDefaultValue()) {
                record.put(f.name(), GenericData.get().getDefaultValue(f));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return new SpecificDatumReader<T>(record.getSchema(), reader).read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }
}
