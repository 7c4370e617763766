package dk.klimaflow.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dk.klimaflow.config.KlimaflowConfig;
import dk.klimaflow.registry.InMemorySchemaRegistry;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * The layout an upgrade must keep: each sub-topology's number (a task's state directory and the assignment of its changelogs
 * are keyed by it) with its source topics and state stores. Adding a processor inside a sub-topology is fine; moving a store
 * or a source to another sub-topology, or renumbering them, is a migration and must fail here first.
 */
class TopologyLayoutTest {
    @Test
    void shouldKeepSubTopologyNumbersWithTheirSourcesAndStores() {
        KlimaflowConfig config = KlimaflowConfig.of(Map.of("application.id", "klimaflow", "bootstrap.servers", "127.0.0.1:1"));
        TopologyDescription description = EmissionsPipeline.build(config, PipelineSerdes.create(new InMemorySchemaRegistry(), true)).describe();

        Map<Integer, String> layout = new TreeMap<>();
        for (TopologyDescription.Subtopology sub : description.subtopologies()) {
            TreeSet<String> sources = new TreeSet<>();
            TreeSet<String> stores = new TreeSet<>();
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Source source) {
                    sources.addAll(source.topicSet());
                } else if (node instanceof TopologyDescription.Processor processor) {
                    stores.addAll(processor.stores());
                }
            }
            layout.put(sub.id(), "sources " + sources + " stores " + stores);
        }

        assertThat(layout).containsExactly(
                Map.entry(0, "sources [klimaflow-aggregate-deltas] stores [sector-emissions]"),
                Map.entry(1, "sources [energy.emission-factors] stores []"),
                Map.entry(2, "sources [energy.district-heating.readings, energy.district-heating.series, energy.electricity.readings,"
                        + " energy.metering-points, klimaflow-factor-broadcast] stores [emission-factors, factor-cells, heat-registers, heat-silence,"
                        + " ingest-counters, interval-versions, metering-points, parked, presence, retired-metering-points, unpublished-changes,"
                        + " year-energy]"));
    }
}
