package dk.klimaflow.bench;

import dk.klimaflow.avro.SectorEmissions;
import dk.klimaflow.config.Topics;
import dk.klimaflow.registry.SchemaRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.TopicPartition;

/**
 * After a backlog run has been timed on the daily aggregates, checks the other three aggregate topics too: every
 * (municipality, sector, carrier, window) cell of {@code emissions.sector.hourly}, {@code .monthly} and {@code .yearly}, read
 * {@code read_committed} from the offsets they had before the pipeline started, must equal the expected hourly totals summed
 * into that topic's windows ({@link ExpectedTotals#regrain}), Wh, CO2e micrograms and grams, with no pending factor energy
 * and no unexpected cell. Input: the cluster's client settings, the registry, the start offsets per topic, the expected
 * hourly totals. Output: the cells compared per topic, or the differences of the first topic that did not reach its totals
 * before the deadline.
 */
final class GrainCheck {
    static final Map<String, ExpectedTotals.Grain> OTHER_TOPICS = Map.of(Topics.HOURLY, ExpectedTotals.Grain.HOUR,
            Topics.MONTHLY, ExpectedTotals.Grain.MONTH, Topics.YEARLY, ExpectedTotals.Grain.YEAR);

    /** The outcome: cells compared per topic, and the differences (empty when every cell is exact). */
    record Outcome(Map<String, Integer> cellsCompared, List<String> differences) {
    }

    private GrainCheck() {
    }

    static Outcome run(Properties clientSettings, SchemaRegistry registry, Map<String, Map<TopicPartition, Long>> starts,
            ExpectedTotals hourly, Duration timeout) {
        Map<String, Integer> compared = new LinkedHashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (String topic : List.of(Topics.HOURLY, Topics.MONTHLY, Topics.YEARLY)) {
            ExpectedTotals expected = hourly.regrain(OTHER_TOPICS.get(topic));
            List<String> diff = awaitTotals(clientSettings, registry, topic, starts.get(topic), expected, deadline);
            if (!diff.isEmpty()) {
                return new Outcome(compared, diff);
            }
            compared.put(topic, expected.size());
        }
        return new Outcome(compared, List.of());
    }

    private static List<String> awaitTotals(Properties clientSettings, SchemaRegistry registry, String topic,
            Map<TopicPartition, Long> start, ExpectedTotals expected, long deadline) {
        Map<ExpectedTotals.Cell, SectorEmissions> latest = new HashMap<>();
        try (AggregateWatcher watcher = new AggregateWatcher(clientSettings, registry, topic, start)) {
            List<String> diff;
            do {
                for (SectorEmissions s : watcher.poll(Duration.ofMillis(200))) {
                    latest.put(AggregateWatcher.cellOf(s), s);
                }
                diff = differences(topic, expected, latest);
            } while (!diff.isEmpty() && System.nanoTime() < deadline);
            return diff;
        }
    }

    static List<String> differences(String topic, ExpectedTotals expected, Map<ExpectedTotals.Cell, SectorEmissions> latest) {
        Map<ExpectedTotals.Cell, ExpectedTotals.Totals> observed = new HashMap<>();
        latest.forEach((cell, s) -> observed.put(cell, new ExpectedTotals.Totals(s.getEnergyWh(), s.getCo2eMicrograms())));
        List<String> out = new ArrayList<>();
        expected.compare(observed).forEach(d -> out.add(topic + " " + d));
        expected.cells().forEach((cell, e) -> {
            SectorEmissions s = latest.get(cell);
            if (s != null && s.getCo2eGrams() != e.co2eGrams()) {
                out.add(topic + " " + cell + ": co2eGrams expected " + e.co2eGrams() + ", got " + s.getCo2eGrams());
            }
            if (s != null && s.getPendingFactorWh() != 0) {
                out.add(topic + " " + cell + ": pendingFactorWh expected 0, got " + s.getPendingFactorWh());
            }
        });
        return out;
    }
}
