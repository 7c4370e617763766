package dk.klimaflow.pipeline;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The part of a wrapping key-value store that only hands calls to the store beneath: its name, persistence, open state,
 * offsets, interactive queries, position and size. Input and output: the inner store; no keys of its own. A wrapper
 * ({@link WriteBehindStore}) extends it and overrides the reads and writes it changes, as Kafka Streams' own
 * {@code WrappedStateStore} does for its caching and logging layers.
 */
abstract class DelegatingKeyValueStore<K, V> implements KeyValueStore<K, V> {
    protected final KeyValueStore<K, V> inner;

    DelegatingKeyValueStore(KeyValueStore<K, V> inner) {
        this.inner = inner;
    }

    @Override
    public long approximateNumEntries() {
        return inner.approximateNumEntries();
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public boolean managesOffsets() {
        return inner.managesOffsets();
    }

    @Override
    public Long committedOffset(TopicPartition partition) {
        return inner.committedOffset(partition);
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        return inner.query(query, positionBound, config);
    }

    @Override
    public Position getPosition() {
        return inner.getPosition();
    }
}
