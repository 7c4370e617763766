package dk.klimaflow.pipeline;

import dk.klimaflow.avro.DistrictHeatingReading;
import dk.klimaflow.avro.DistrictHeatingSeries;
import dk.klimaflow.avro.ElectricityTimeSeries;
import dk.klimaflow.avro.ParkedRecord;
import dk.klimaflow.domain.HeatSeries;
import dk.klimaflow.domain.ReadingRules;
import dk.klimaflow.domain.Rejection;
import dk.klimaflow.registry.AvroSerde;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Decodes and validates one raw reading record, as {@link IntakeProcessor} receives it or takes it back from parking (a
 * {@link ParkedRecord}: source topic, key and value bytes). Input: a record of the pass's electricity, heat-series or heat-reading
 * topic. Output: an {@link Electricity} time series or the {@link Heat} readings of one meter (one reading, or a series' all),
 * each with the validation result ({@code null} when valid). An undecodable record throws {@link SerializationException}; a
 * registry outage is thrown on as it comes from {@link AvroSerde}.
 */
final class ReadingDecoder {
    private final AvroSerde<ElectricityTimeSeries> electricity;
    private final AvroSerde<DistrictHeatingReading> heat;
    private final AvroSerde<DistrictHeatingSeries> heatSeries;
    private final ReadingRules rules;
    private final String electricityTopic;
    private final String heatSeriesTopic;

    ReadingDecoder(PipelineSerdes serdes, ReadingRules rules, PipelinePass pass) {
        this.electricity = serdes.electricity();
        this.heat = serdes.districtHeating();
        this.heatSeries = serdes.districtHeatingSeries();
        this.rules = rules;
        this.electricityTopic = pass.electricity();
        this.heatSeriesTopic = pass.heatSeries();
    }

    /** A decoded reading record and its validation result. */
    sealed interface Decoded permits Electricity, Heat {
        Rejection invalid();
    }

    record Electricity(ElectricityTimeSeries series, Rejection invalid) implements Decoded {
    }

    /** The readings of one heat meter; empty when the series is invalid (a series is accepted or rejected whole). */
    record Heat(String meterId, String utilityId, List<DistrictHeatingReading> readings, Rejection invalid) implements Decoded {
    }

    /** Decodes {@code r} (its value must not be null) and validates it at wall-clock time {@code now}. */
    Decoded decode(ParkedRecord r, long now) {
        String topic = r.getSourceTopic();
        String key = r.getKey() == null ? null : new String(bytes(r.getKey()), StandardCharsets.UTF_8);
        byte[] value = bytes(r.getValue());
        if (topic.equals(electricityTopic)) {
            ElectricityTimeSeries ts = electricity.deserialize(topic, value);
            return new Electricity(ts, rules.check(key, ts, now));
        }
        if (topic.equals(heatSeriesTopic)) {
            DistrictHeatingSeries s = heatSeries.deserialize(topic, value);
            Rejection invalid = HeatSeries.check(rules, key, s, now);
            return new Heat(s.getMeterId(), s.getUtilityId(), invalid == null ? HeatSeries.readings(s) : List.of(), invalid);
        }
        DistrictHeatingReading reading = heat.deserialize(topic, value);
        return new Heat(reading.getMeterId(), reading.getUtilityId(), List.of(reading), rules.check(key, reading, now));
    }

    /** The utility a parked record claims (it decoded when it was parked). */
    String utilityOf(ParkedRecord r) {
        String topic = r.getSourceTopic();
        byte[] value = bytes(r.getValue());
        if (topic.equals(heatSeriesTopic)) {
            return heatSeries.deserialize(topic, value).getUtilityId();
        }
        return topic.equals(electricityTopic) ? electricity.deserialize(topic, value).getUtilityId()
                : heat.deserialize(topic, value).getUtilityId();
    }

    static ByteBuffer wrap(byte[] b) {
        return b == null ? null : ByteBuffer.wrap(b);
    }

    static byte[] bytes(ByteBuffer b) {
        if (b == null) {
            return null;
        }
        ByteBuffer d = b.duplicate();
        d.rewind();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }
}
