package dk.klimaflow.cli;

import dk.klimaflow.config.Topics;
import dk.klimaflow.simulate.FeedSink;
import org.apache.avro.specific.SpecificRecord;

/**
 * A {@link FeedSink} that sends what an importer addresses to a live input topic (readings, metering points) to its backfill
 * counterpart ({@link Topics#backfillOf}), the input of {@code klimaflow backfill}; factors and anything else pass unchanged.
 */
final class BackfillTopics implements FeedSink {
    private final FeedSink sink;

    BackfillTopics(FeedSink sink) {
        this.sink = sink;
    }

    @Override
    public void send(String topic, String key, SpecificRecord value) {
        sink.send(Topics.backfillOf(topic), key, value);
    }

    @Override
    public void sendRaw(String topic, byte[] key, byte[] value) {
        sink.sendRaw(Topics.backfillOf(topic), key, value);
    }

    @Override
    public void flush() {
        sink.flush();
    }

    @Override
    public void close() {
        sink.close();
    }
}
