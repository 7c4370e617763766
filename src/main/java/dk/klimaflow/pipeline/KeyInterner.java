package dk.klimaflow.pipeline;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Canonical store-key strings for small typed keys (a factor cell, an aggregate window). Input: a key record whose fields
 * are cheap to hash; output: its store key, built once while it stays in the memo. A task's write-behind maps then find the
 * key by its cached hash and by reference, instead of building, hashing and comparing a fresh 40-character string for every
 * cell and window of every input (about a quarter of the stream threads' samples were hash-map work, README Performance).
 * Bounded: the memo is emptied when it reaches its limit; nothing depends on identity, so that only costs rebuilding keys.
 * One per processor instance, used by its stream thread only.
 */
final class KeyInterner<K> {
    private final Map<K, String> memo = new HashMap<>();
    private final Function<K, String> build;
    private final int limit;

    KeyInterner(Function<K, String> build, int limit) {
        this.build = build;
        this.limit = limit;
    }

    String of(K key) {
        String s = memo.get(key);
        if (s == null) {
            if (memo.size() >= limit) {
                memo.clear();
            }
            s = build.apply(key);
            memo.put(key, s);
        }
        return s;
    }

    int size() {
        return memo.size();
    }
}
