package dk.klimaflow.simulate;

import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * A {@link FeedSink} that produces no faster than the pipeline consumes: records to the paced topics (the readings, e.g.
 * {@link UtilityFeedSimulator#READING_TOPICS}) go out in batches of {@link Backpressure#batch()}; before each batch everything
 * sent so far is flushed and {@link Backpressure#awaitRoom()} waits until the pipeline's lag leaves room for it. Batches count
 * records, as the lag does (Kafka offsets): an electricity or heat series is one record however many readings it carries.
 * Other topics (metering points, factors) pass straight through. For one producing thread, like the simulator.
 */
public final class PacedFeedSink implements FeedSink {
    private final FeedSink delegate;
    private final Backpressure backpressure;
    private final Set<String> pacedTopics;
    private long inBatch;

    public PacedFeedSink(FeedSink delegate, Backpressure backpressure, Set<String> pacedTopics) {
        this.delegate = delegate;
        this.backpressure = backpressure;
        this.pacedTopics = Set.copyOf(pacedTopics);
    }

    public Backpressure backpressure() {
        return backpressure;
    }

    @Override
    public void send(String topic, String key, SpecificRecord value) {
        pace(topic);
        delegate.send(topic, key, value);
    }

    @Override
    public void sendRaw(String topic, byte[] key, byte[] value) {
        pace(topic);
        delegate.sendRaw(topic, key, value);
    }

    private void pace(String topic) {
        if (!pacedTopics.contains(topic)) {
            return;
        }
        if (inBatch == 0) {
            delegate.flush(); // the lag must count what was sent so far
            backpressure.awaitRoom();
        }
        if (++inBatch >= backpressure.batch()) {
            inBatch = 0;
        }
    }

    @Override
    public void flush() {
        delegate.flush();
    }

    /** Ends any wait of the producing thread, then closes the delegate. */
    @Override
    public void close() {
        backpressure.close();
        delegate.close();
    }
}
