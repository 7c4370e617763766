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
 * input is a list of commands ("put k v", "del k", "get k", "count", and "other" to count from another thread, as an
 * interactive query would) applied to the store, which keeps one written value as an object; what the changelog receives
 * shows what would be restored.
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
                    case "count" -> reads.add("count=" + count(store));
                    case "other" -> {
                        int[] n = new int[1];
                        Thread other = new Thread(() -> n[0] = count(store));
                        other.start();
                        try {
                            other.join();
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                        reads.add("other=" + n[0]);
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
                Serdes.String(), Serdes.Long()), 1, null), "commands");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "wb");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(t, props);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private static int count(KeyValueStore<String, Long> store) {
        try (var it = store.all()) {
            int n = 0;
            for (; it.hasNext(); it.next()) {
                n++;
            }
            return n;
        }
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
    void shouldLetItsWriterIterateItsPendingWritesWhileOtherThreadsSeeOnlyWhatWasWritten() {
        input("put a 1; get a; other; count; other");
        input("put b 2; other; del a; get a; other; count; other");

        assertThat(reads).containsExactly("a=1", "other=0", "count=1", "other=1",
                "other=1", "a=null", "other=1", "count=1", "other=1");
        assertThat(changelog()).containsExactlyInAnyOrder(KeyValue.pair("a", 1L), KeyValue.pair("b", 2L), KeyValue.pair("a", null));
    }

    @Test
    void shouldReadKeptValuesOnlyWhileTheyAreCurrent() {
        input("put a 1000");
        input("get a; put b 2000");
        input("get a; get b; del b; get b");
        input("get b; put a 3000; get a");
        input("get a");

        assertThat(reads).containsExactly("a=1000", "a=1000", "b=2000", "b=null", "b=null", "a=3000", "a=3000");
    }
}
