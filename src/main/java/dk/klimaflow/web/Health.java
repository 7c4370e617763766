package dk.klimaflow.web;

import org.apache.kafka.streams.KafkaStreams;

/**
 * How this instance is doing, for {@code /api/health} and the dashboard's {@code health} events: the Kafka Streams state
 * ({@code UP} when RUNNING, {@code DEGRADED} while REBALANCING, else {@code DOWN}), whether the live feed follows the
 * aggregate topics, when the last aggregate update arrived, the stream threads' consumer lag and the browsers connected. The
 * SSE variant also carries the cluster-wide {@link Counters} (or why they could not be read).
 */
public record Health(String status, String streamsState, String instance, boolean liveFeed, String lastUpdateAt,
                     Double secondsSinceUpdate, long consumerLag, int sseClients, String serverTime, Counters counters,
                     String countersError) {

    static Health of(WebServer web, boolean withCounters) {
        KafkaStreams.State state = web.streams().state();
        String status = state == KafkaStreams.State.RUNNING ? "UP" : state == KafkaStreams.State.REBALANCING ? "DEGRADED" : "DOWN";
        long last = web.live().lastUpdateMillis();
        long now = web.now().toEpochMilli();
        Counters counters = null;
        String error = null;
        if (withCounters) {
            try {
                counters = web.cluster().counters();
            } catch (RuntimeException e) {
                error = e.getMessage();
            }
        }
        return new Health(status, state.name(), web.self().host() + ":" + web.self().port(), web.live().following(),
                last == 0 ? null : EmissionWindow.time(java.time.Instant.ofEpochMilli(last)),
                last == 0 ? null : (now - last) / 1000.0, WebMetrics.consumerLag(web.streams()), web.hub().clients(),
                EmissionWindow.time(web.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)), counters, error);
    }
}
