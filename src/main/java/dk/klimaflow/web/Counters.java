package dk.klimaflow.web;

import dk.klimaflow.avro.ReasonCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ingest counters of the pipeline summed over all instances (the {@code ingest-counters} store, keys {@code in},
 * {@code accepted}, {@code parked}, {@code rejected.<REASON>}, {@code restatements}), with every rejection reason present (0
 * when none) and whether the invariant in = accepted + rejected + parked holds in this snapshot (instances are read one after
 * the other, so a record in flight can unbalance it for a moment). Output of {@code /api/counters}.
 */
public record Counters(long in, long accepted, long parked, Map<String, Long> rejected, long rejectedTotal, long restatements,
                       boolean balanced, long consumerLag, int instances) {

    /** What one instance answers on {@code /internal/counters}: its local counts and its stream threads' consumer lag. */
    public record Local(Map<String, Long> counters, long consumerLag) {
    }

    public static Counters sum(List<Local> parts) {
        Map<String, Long> total = new LinkedHashMap<>();
        long lag = 0;
        for (Local part : parts) {
            part.counters().forEach((k, v) -> total.merge(k, v, Long::sum));
            lag += Math.max(0, part.consumerLag());
        }
        Map<String, Long> rejected = new LinkedHashMap<>();
        for (ReasonCode reason : ReasonCode.values()) {
            rejected.put(reason.name(), total.getOrDefault("rejected." + reason.name(), 0L));
        }
        total.forEach((k, v) -> {
            if (k.startsWith("rejected.")) {
                rejected.putIfAbsent(k.substring("rejected.".length()), v);
            }
        });
        long rejectedTotal = rejected.values().stream().mapToLong(Long::longValue).sum();
        long in = total.getOrDefault("in", 0L);
        long accepted = total.getOrDefault("accepted", 0L);
        long parked = total.getOrDefault("parked", 0L);
        return new Counters(in, accepted, parked, rejected, rejectedTotal, total.getOrDefault("restatements", 0L),
                in == accepted + rejectedTotal + parked, lag, parts.size());
    }
}
