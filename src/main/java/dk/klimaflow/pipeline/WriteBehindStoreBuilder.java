package dk.klimaflow.pipeline;

import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Builds a {@link WriteBehindStore} around the key-value store of {@code inner} (which must have its record cache disabled:
 * the write-behind layer takes its place). Name, changelog and logging settings are the inner builder's, so the store's
 * changelog topic and its restore are those of the plain store.
 */
final class WriteBehindStoreBuilder<K, V> implements StoreBuilder<KeyValueStore<K, V>> {
    private final StoreBuilder<KeyValueStore<K, V>> inner;
    private final int keepWritten;
    private final PreCommitHooks hooks;

    /**
     * {@code keepWritten}: how many written values to keep as objects for later gets (0: none); {@code hooks}: the topology's
     * pre-commit hooks, run for the store's task at every commit before it writes (null: none).
     */
    WriteBehindStoreBuilder(StoreBuilder<KeyValueStore<K, V>> inner, int keepWritten, PreCommitHooks hooks) {
        this.inner = inner.withCachingDisabled();
        this.keepWritten = keepWritten;
        this.hooks = hooks;
    }

    @Override
    public KeyValueStore<K, V> build() {
        return new WriteBehindStore<>(inner.build(), keepWritten, hooks);
    }

    @Override
    public StoreBuilder<KeyValueStore<K, V>> withCachingEnabled() {
        throw new UnsupportedOperationException("a write-behind store replaces the record cache");
    }

    @Override
    public StoreBuilder<KeyValueStore<K, V>> withCachingDisabled() {
        return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<K, V>> withLoggingEnabled(Map<String, String> config) {
        inner.withLoggingEnabled(config);
        return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<K, V>> withLoggingDisabled() {
        inner.withLoggingDisabled();
        return this;
    }

    @Override
    public Map<String, String> logConfig() {
        return inner.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
        return inner.loggingEnabled();
    }

    @Override
    public String name() {
        return inner.name();
    }
}
