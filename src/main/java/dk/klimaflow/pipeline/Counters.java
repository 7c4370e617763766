package dk.klimaflow.pipeline;

import dk.klimaflow.avro.ReasonCode;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The intake ledger of one task (store {@code ingest-counters}): records in, accepted, parked now, rejected by reason, and
 * restatements. Updated in the same transaction as the records themselves, so at any committed moment
 * in = accepted + rejected + parked.
 */
final class Counters {
    static final String IN = "in";
    static final String ACCEPTED = "accepted";
    static final String PARKED = "parked";
    static final String RESTATEMENTS = "restatements";

    private final KeyValueStore<String, Long> store;

    Counters(KeyValueStore<String, Long> store) {
        this.store = store;
    }

    static String rejected(ReasonCode code) {
        return "rejected." + code;
    }

    Long get(String counter) {
        return store.get(counter);
    }

    void delete(String counter) {
        store.delete(counter);
    }

    void add(String counter, long n) {
        Long now = store.get(counter);
        store.put(counter, (now == null ? 0 : now) + n);
    }
}
