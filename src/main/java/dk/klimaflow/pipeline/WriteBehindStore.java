package dk.klimaflow.pipeline;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * A key-value store that keeps its writes as objects and hands them to the changelogged store beneath once per commit. Input:
 * puts and deletes from the stream thread (any key and value type; values may be mutated after a put, the state at the
 * commit is what is written). Output: the inner store (serialised, changelogged) receives one put or delete per key written
 * since the last commit, from {@link #flushCache()}, which Kafka Streams calls before every commit, so what is written
 * commits in the same transaction as the input offsets. It replaces the record cache for stores written many times between
 * commits whose values are cheap to keep as objects (the unpublished window sums, the factor cells): the cache serialises at
 * every put and get and keeps an LRU list and a dirty set per entry. {@link #get} sees the pending writes, then (if asked to
 * keep them) the newest written values as objects; callers copy a value before changing it without a put. {@link #all} and
 * {@link #range} called by the writing thread first write what is pending (so a processor's own scan sees its writes);
 * called from any other thread (interactive queries) they see what was written only. The pre-commit hook is Kafka
 * Streams' {@code CachedStateStore} interface, the one its own caching stores use; {@code WriteBehindStoreTest} and the
 * fault tests (a kill -9 between commits) check that it still runs before the offsets commit.
 */
final class WriteBehindStore<K, V> extends DelegatingKeyValueStore<K, V> implements CachedStateStore<K, V> {
    /** Writes since the last commit; a null value is a delete. Stream thread only. */
    private final Map<K, V> pending = new HashMap<>();
    /** Values written at the last commits, newest last, at most {@code keepWritten}; stream thread only. */
    private final LinkedHashMap<K, V> written = new LinkedHashMap<>();
    private final int keepWritten;
    /** The thread that wrote last: the stream thread owning the task (interactive queries never write). */
    private Thread writer;
    private final PreCommitHooks hooks;
    private TaskId task;

    /** {@code hooks}: run for this store's task before its pending writes are written at a commit (may be null). */
    WriteBehindStore(KeyValueStore<K, V> inner, int keepWritten, PreCommitHooks hooks) {
        super(inner);
        this.keepWritten = keepWritten;
        this.hooks = hooks;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        pending.clear();
        written.clear();
        task = context.taskId();
        inner.init(context, root);
    }

    @Override
    public void put(K key, V value) {
        writer = Thread.currentThread();
        pending.put(key, value);
    }

    @Override
    public V putIfAbsent(K key, V value) {
        V old = get(key);
        if (old == null) {
            put(key, value);
        }
        return old;
    }

    @Override
    public void putAll(List<KeyValue<K, V>> entries) {
        entries.forEach(kv -> put(kv.key, kv.value));
    }

    @Override
    public V delete(K key) {
        V old = get(key);
        writer = Thread.currentThread();
        pending.put(key, null);
        written.remove(key);
        return old;
    }

    @Override
    public V get(K key) {
        V mine = pending.get(key);
        if (mine != null || pending.containsKey(key)) { // a pending null is a delete
            return mine;
        }
        V kept = written.get(key);
        return kept != null ? kept : inner.get(key);
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        writePendingIfWriter();
        return inner.range(from, to);
    }

    @Override
    public KeyValueIterator<K, V> all() {
        writePendingIfWriter();
        return inner.all();
    }

    private void writePendingIfWriter() {
        if (Thread.currentThread() == writer && !pending.isEmpty()) {
            writePending();
        }
    }

    /** Runs the task's pre-commit hook (which may write here), then writes what is pending: Kafka Streams calls it before a commit. */
    @Override
    public void flushCache() {
        if (hooks != null) {
            hooks.run(task);
        }
        writePending();
    }

    /** Writes the pending puts and deletes into the inner store; a delete of a key the inner store lacks writes nothing. */
    private void writePending() {
        for (Map.Entry<K, V> e : pending.entrySet()) {
            if (e.getValue() != null) {
                inner.put(e.getKey(), e.getValue());
                keep(e.getKey(), e.getValue());
            } else if (inner.get(e.getKey()) != null) {
                inner.delete(e.getKey());
            }
        }
        pending.clear();
    }

    private void keep(K key, V value) {
        if (keepWritten == 0) {
            return;
        }
        written.remove(key); // re-inserted last: the keys written most recently stay
        written.put(key, value);
        if (written.size() > keepWritten) {
            var eldest = written.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    /** Drops the pending writes and kept values (a dirty close: the task restores from the changelog). */
    @Override
    public void clearCache() {
        pending.clear();
        written.clear();
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<K, V> listener, boolean sendOldValues) {
        return false;
    }

    /**
     * Deliberately not a write: {@code commit} runs after the transaction (too late to commit with the input offsets), so
     * the writes happen only in {@link #flushCache()}, and the tests fail should Kafka Streams stop calling it.
     */
    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        inner.commit(changelogOffsets);
    }

    @Override
    public void close() {
        pending.clear();
        written.clear();
        inner.close();
    }
}
