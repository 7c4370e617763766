package dk.klimaflow.web;

import dk.klimaflow.avro.ReasonCode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The Prometheus view of one instance ({@code /metrics}): every Kafka Streams client metric through Micrometer's
 * {@link KafkaStreamsMetrics}; this instance's ingest counters from {@code ingest-counters} as gauges
 * ({@code klimaflow_records{outcome=in|accepted|parked}}, {@code klimaflow_records_rejected{reason=...}},
 * {@code klimaflow_restatements}; sum over instances in PromQL); the stream threads' consumer lag; and
 * {@code klimaflow_aggregate_latency_seconds}, the time from an aggregate's {@code updatedAt} to its arrival at this web server.
 */
public final class WebMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final KafkaStreamsMetrics streamsMetrics;
    private final KafkaStreams streams;
    private final Supplier<Map<String, Long>> localCounters;
    private final Timer aggregateLatency;
    private final Timer endToEndLatency;
    private volatile Map<String, Long> snapshot = Map.of();
    private volatile long snapshotAt;

    public WebMetrics(KafkaStreams streams, Supplier<Map<String, Long>> localCounters) {
        this.streams = streams;
        this.localCounters = localCounters;
        this.streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        for (String outcome : new String[] {"in", "accepted", "parked"}) {
            Gauge.builder("klimaflow.records", this, m -> m.counter(outcome)).tag("outcome", outcome)
                    .description("records of this instance's partitions by outcome (ingest-counters)").register(registry);
        }
        for (ReasonCode reason : ReasonCode.values()) {
            Gauge.builder("klimaflow.records.rejected", this, m -> m.counter("rejected." + reason.name())).tag("reason", reason.name())
                    .description("records rejected to energy.readings.rejected, by reason").register(registry);
        }
        Gauge.builder("klimaflow.restatements", this, m -> m.counter("restatements"))
                .description("aggregate windows restated by a correction or a factor change").register(registry);
        Gauge.builder("klimaflow.consumer.lag", this, m -> consumerLag(m.streams)).baseUnit("records")
                .description("records not yet consumed by this instance's stream threads").register(registry);
        endToEndLatency = Timer.builder("klimaflow.end.to.end.latency")
                .description("time from a reading's sentAt to the hourly aggregate update that counts it (latestSentAt to updatedAt)")
                .publishPercentiles(0.5, 0.95, 0.99).register(registry);
        aggregateLatency = Timer.builder("klimaflow.aggregate.latency")
                .description("time from an aggregate update (updatedAt) to its arrival at the web server's live feed")
                .publishPercentiles(0.5, 0.95, 0.99).register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public String scrape() {
        return registry.scrape();
    }

    /** Records the live feed's delay for one aggregate update; ignores updates without {@code updatedAt}. */
    public void aggregateArrived(long updatedAtMillis, long nowMillis) {
        if (updatedAtMillis > 0) {
            aggregateLatency.record(Duration.ofMillis(Math.max(0, nowMillis - updatedAtMillis)));
        }
    }

    /** End to end: from the latest sentAt of the readings behind an hourly update to the update itself. */
    public void readingToAggregate(long latestSentAtMillis, long updatedAtMillis) {
        if (latestSentAtMillis > 0 && updatedAtMillis >= latestSentAtMillis) {
            endToEndLatency.record(Duration.ofMillis(updatedAtMillis - latestSentAtMillis));
        }
    }

    public Timer aggregateLatency() {
        return aggregateLatency;
    }

    /** One counter of this instance, from a snapshot at most one second old so a scrape reads the store once; NaN if unreadable. */
    private double counter(String key) {
        long now = System.currentTimeMillis();
        if (now - snapshotAt > 1000) {
            try {
                snapshot = localCounters.get();
            } catch (RuntimeException e) {
                snapshot = null;
            }
            snapshotAt = now;
        }
        Map<String, Long> s = snapshot;
        return s == null ? Double.NaN : s.getOrDefault(key, 0L);
    }

    /** Sum of {@code records-lag} over the partitions of the stream threads' main consumers (restore consumers excluded). */
    public static long consumerLag(KafkaStreams streams) {
        double lag = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
            MetricName n = e.getKey();
            if (n.name().equals("records-lag") && n.group().equals("consumer-fetch-manager-metrics") && n.tags().containsKey("partition")
                    && !n.tags().getOrDefault("client-id", "").contains("restore")) {
                Object v = e.getValue().metricValue();
                if (v instanceof Number num && Double.isFinite(num.doubleValue())) {
                    lag += num.doubleValue();
                }
            }
        }
        return (long) lag;
    }

    @Override
    public void close() {
        streamsMetrics.close();
        registry.close();
    }
}
