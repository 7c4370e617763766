package dk.klimaflow.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The write-behind store under Kafka Streams' own commit cycle (TopologyTestDriver commits after every input record): each
 * input is a list of commands ("put k v", "del k", "get k", "count") applied to the store; what the changelog receives shows
 * what would be restored.
 */
class WriteBehindStoreTest {
    private static final String STORE = "sums";
    private TopologyTestDriver driver;
    private final List<String> reads = new ArrayList<>();

    private final class Commands implements Processor<String, String, Void, Void> {
        private KeyValueStore<String, Long> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, String> record) {
            for (String command : record.value().split(";")) {
                String[] p = command.trim().split(" ");
                switch (p[0]) {
                    case "put" -> store.put(p[1], Long.parseLong(p[2]));
                    case "del" -> store.delete(p[1]);
                    case "get" -> reads.add(p[1] + "=" + store.get(p[1]));
                    case "count" -> {
                        try (var it = store.all()) {
                            int n = 0;
                            for (; it.hasNext(); it.next()) {
                                n++;
                            }
                            reads.add("count=" + n);
                        }
                    }
                    default -> throw new IllegalArgumentException(command);
                }
            }
        }
    }

    @BeforeEach
    void start() {
        Topology t = new Topology();
        t.addSource("in", Serdes.String().deserializer(), Serdes.String().deserializer(), "commands");
        t.addProcessor("commands", Commands::new, "in");
        t.addStateStore(new WriteBehindStoreBuilder<>(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE),
                Serdes.String(), Serdes.Long())), "commands");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "wb");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(t, props);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void input(String commands) {
        driver.createInputTopic("commands", Serdes.String().serializer(), Serdes.String().serializer()).pipeInput("k", commands, 0L);
    }

    private List<KeyValue<String, Long>> changelog() {
        TestOutputTopic<String, Long> out = driver.createOutputTopic("wb-" + STORE + "-changelog", Serdes.String().deserializer(),
                Serdes.Long().deserializer());
        return out.readKeyValuesToList();
    }

    @Test
    void shouldWriteEachKeyOncePerCommitWithItsLastValue() {
        input("put a 1; put a 2; put b 7; put a 3");

        assertThat(changelog()).containsExactlyInAnyOrder(KeyValue.pair("a", 3L), KeyValue.pair("b", 7L));
        assertThat(driver.getKeyValueStore(STORE).get("a")).isEqualTo(3L);
    }

    @Test
    void shouldNotLogAKeyWrittenAndDeletedBetweenTwoCommits() {
        input("put a 1; del a; put b 2");

        assertThat(changelog()).containsExactly(KeyValue.pair("b", 2L));
    }

    @Test
    void shouldLogTheDeleteOfAKeyWrittenAtAnEarlierCommit() {
        input("put a 1");
        input("put a 5; del a");

        assertThat(changelog()).containsExactly(KeyValue.pair("a", 1L), KeyValue.pair("a", null));
        assertThat(driver.getKeyValueStore(STORE).get("a")).isNull();
    }

    @Test
    void shouldReadPendingWritesButIterateOnlyWhatTheLastCommitWrote() {
        input("put a 1; get a; count");
        input("get a; count; del a; get a; count");

        assertThat(reads).containsExactly("a=1", "count=0", "a=1", "count=1", "a=null", "count=1");
    }
}
