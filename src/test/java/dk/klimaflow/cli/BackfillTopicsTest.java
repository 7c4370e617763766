package dk.klimaflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.Edition;
import dk.klimaflow.avro.EmissionFactor;
import dk.klimaflow.avro.MeteringPoint;
import dk.klimaflow.avro.PriceArea;
import dk.klimaflow.config.Topics;
import dk.klimaflow.simulate.RecordingFeedSink;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackfillTopicsTest {
    @Test
    void shouldSendReadingsAndMeteringPointsToTheBackfillTopicsAndFactorsToTheSharedOne() {
        RecordingFeedSink recorded = new RecordingFeedSink();
        BackfillTopics sink = new BackfillTopics(recorded);
        MeteringPoint mp = new MeteringPoint("571313100000000001", Carrier.ELECTRICITY, "u", "0187", "I.1", false, PriceArea.DK2, null, null, null);
        EmissionFactor f = new EmissionFactor(Carrier.ELECTRICITY, "DK2", Instant.EPOCH, Instant.EPOCH.plusSeconds(3600), 100.0, "125%",
                Edition.DECLARATION, "test", null, null);
        sink.send(Topics.METERING_POINTS, mp.getId(), mp);
        sink.sendRaw(Topics.ELECTRICITY, new byte[0], new byte[] {1});
        sink.sendRaw(Topics.DISTRICT_HEATING, new byte[0], new byte[] {1});
        sink.send(Topics.EMISSION_FACTORS, "k", f);
        assertThat(recorded.sent()).extracting(RecordingFeedSink.Sent::topic).containsExactly(Topics.BACKFILL_METERING_POINTS,
                Topics.BACKFILL_ELECTRICITY, Topics.BACKFILL_DISTRICT_HEATING, Topics.EMISSION_FACTORS);
    }
}
