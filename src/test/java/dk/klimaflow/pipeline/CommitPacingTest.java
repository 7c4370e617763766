package dk.klimaflow.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dk.klimaflow.config.KlimaflowConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

class CommitPacingTest {
    private static final String MAIN = "app-1-StreamThread-1-consumer";
    private static final String MAIN_2 = "app-1-StreamThread-2-consumer";
    private static final String RESTORE = "app-1-StreamThread-1-restore-consumer";

    private final Map<MetricName, Metric> metrics = new HashMap<>();
    private final CommitPacing pacing = new CommitPacing(100, 1000);

    @Test
    void shouldCommitAtTheBacklogIntervalAndAskForTheShortOneWhenCaughtUp() {
        assertThat(pacing.enabled()).isTrue();
        assertThat(pacing.streamsCommitIntervalMs()).isEqualTo(1000);
        assertThat(pacing.caughtUpMs()).isEqualTo(100);
        assertThat(new CommitPacing(100, 100).enabled()).isFalse();
        assertThat(new CommitPacing(500, 100).streamsCommitIntervalMs()).isEqualTo(500);
        assertThat(CommitPacing.of(KlimaflowConfig.of(Map.of())).enabled()).as("off by default").isFalse();
        assertThat(CommitPacing.of(KlimaflowConfig.of(Map.of(KlimaflowConfig.COMMIT_INTERVAL_BACKLOG_MS, "1000"))).streamsCommitIntervalMs())
                .isEqualTo(1000);
    }

    @Test
    void shouldBeBehindWhenMoreThanABacklogIntervalOfWorkIsQueued() {
        consumed(MAIN, 0);
        lag(MAIN, "energy.electricity.series", 0, 150_000);
        pacing.sample(metrics, 0);
        assertThat(pacing.behind()).as("not before the backlog has lasted a backlog interval").isFalse();
        consumed(MAIN, 10_000);
        pacing.sample(metrics, 500);
        assertThat(pacing.behind()).isFalse();

        consumed(MAIN, 20_000); // 20,000 consumed in the last second; 150,000 still queued
        pacing.sample(metrics, 1000);
        assertThat(pacing.behind()).isTrue();

        lag(MAIN, "energy.electricity.series", 0, 60_000); // more than the minimum, but less than one second's worth
        consumed(MAIN, 100_000);
        pacing.sample(metrics, 2000);
        assertThat(pacing.behind()).isFalse();
    }

    @Test
    void shouldSumTheLagOfEveryPartitionOfEveryMainConsumer() {
        lag(MAIN, "energy.electricity.series", 0, 30_000);
        lag(MAIN_2, "energy.electricity.series", 1, 30_000);
        pacing.sample(metrics, 0);
        pacing.sample(metrics, 1000);
        assertThat(pacing.behind()).as("60,000 records queued for a second and nothing consumed").isTrue();
    }

    @Test
    void shouldIgnoreRestoreConsumersUnknownValuesAndSmallBursts() {
        lag(RESTORE, "app-factor-cells-changelog", 0, 1_000_000);
        lag(MAIN, "energy.electricity.series", 0, Double.NaN);
        pacing.sample(metrics, 0);
        assertThat(pacing.behind()).isFalse();

        lag(MAIN, "energy.electricity.series", 0, CommitPacing.MIN_BACKLOG_RECORDS);
        pacing.sample(metrics, 250);
        pacing.sample(metrics, 1500);
        assertThat(pacing.behind()).as("a live feed that stalled for a moment").isFalse();

        lag(MAIN, "app-aggregate-deltas", 0, 2 * CommitPacing.MIN_BACKLOG_RECORDS);
        pacing.sample(metrics, 1750);
        pacing.sample(metrics, 2000);
        lag(MAIN, "app-aggregate-deltas", 0, 0);
        pacing.sample(metrics, 2250);
        assertThat(pacing.behind()).as("a burst shorter than the backlog interval").isFalse();
        lag(MAIN, "app-aggregate-deltas", 0, 2 * CommitPacing.MIN_BACKLOG_RECORDS);
        pacing.sample(metrics, 2500);
        pacing.sample(metrics, 3000);
        assertThat(pacing.behind()).as("the burst timer restarted after the dip").isFalse();
    }

    private void lag(String client, String topic, int partition, double value) {
        put(new MetricName("records-lag", "consumer-fetch-manager-metrics", "",
                Map.of("client-id", client, "topic", topic, "partition", String.valueOf(partition))), value);
    }

    private void consumed(String client, double value) {
        put(new MetricName("records-consumed-total", "consumer-fetch-manager-metrics", "", Map.of("client-id", client)), value);
        put(new MetricName("records-consumed-total", "consumer-fetch-manager-metrics", "", Map.of("client-id", client, "topic", "t")), 1e12);
    }

    private void put(MetricName name, double value) {
        metrics.put(name, new Metric() {
            @Override
            public MetricName metricName() {
                return name;
            }

            @Override
            public Object metricValue() {
                return value;
            }
        });
    }
}
