package dk.klimaflow.embedded;

import static dk.klimaflow.embedded.StackTestSupport.readRaw;
import static dk.klimaflow.embedded.StackTestSupport.series;
import static org.assertj.core.api.Assertions.assertThat;

import dk.klimaflow.avro.ElectricityTimeSeries;
import dk.klimaflow.config.Topics;
import dk.klimaflow.registry.AvroSerde;
import dk.klimaflow.registry.RestSchemaRegistry;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded stack end to end: topics, subjects, Avro through the real broker, restarts. One stack for the class. */
class EmbeddedStackIT {
    @TempDir
    static Path dataDir;
    static int kafkaPort;
    static int registryPort;
    static EmbeddedStack stack;

    @BeforeAll
    static void startStack() {
        kafkaPort = Ports.free();
        registryPort = Ports.free();
        stack = EmbeddedStack.startAndSetUp(dataDir, kafkaPort, registryPort, false);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    private static KafkaProducer<String, ElectricityTimeSeries> transactionalProducer(AvroSerde<ElectricityTimeSeries> serde) {
        Properties props = stack.config().clientProperties();
        props.put("transactional.id", "it-" + UUID.randomUUID());
        return new KafkaProducer<>(props, new StringSerializer(), serde.serializer());
    }

    @Test
    void shouldCreateEveryTopicWithCompactionWhereExpected() throws Exception {
        try (Admin admin = Admin.create(stack.config().clientProperties())) {
            Map<String, TopicDescription> topics = admin.describeTopics(Topics.ALL).allTopicNames().get();
            Collection<ConfigResource> resources = Topics.ALL.stream()
                    .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).collect(Collectors.toList());
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();

            assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(Topics.ALL);
            assertThat(topics.values()).allSatisfy(d -> assertThat(d.partitions()).hasSize(6));
            configs.forEach((resource, config) -> assertThat(config.get("cleanup.policy").value())
                    .as(resource.name()).isEqualTo(Topics.compacted(resource.name()) ? "compact" : "delete"));
            assertThat(Topics.COMPACTED).contains(Topics.METERING_POINTS, Topics.EMISSION_FACTORS, Topics.HOURLY);
        }
    }

    @Test
    void shouldSetUpIdempotentlyAndCheckSchemasWithRegistrationOff() {
        TopicSetup setup = new TopicSetup(stack.config());

        assertThat(setup.createTopics()).isEmpty();
        assertThat(setup.setUp(stack.schemaRegistry(), false)).containsOnlyKeys(Topics.ALL.stream().map(t -> t + "-value").toList());
    }

    @Test
    void shouldRegisterTheValueSubjectOfEveryTopic() {
        List<String> subjects = stack.schemaRegistry().subjects();

        assertThat(subjects).containsAll(Topics.ALL.stream().map(t -> t + "-value").toList());
    }

    @Test
    void shouldCarryAvroThroughTheBrokerInConfluentWireFormatInATransaction() {
        RestSchemaRegistry registry = stack.schemaRegistry();
        AvroSerde<ElectricityTimeSeries> serde = AvroSerde.forValue(ElectricityTimeSeries.class, registry, false);
        ElectricityTimeSeries sent = series("571313100000000001", 1_700_000_000_000L);
        try (KafkaProducer<String, ElectricityTimeSeries> producer = transactionalProducer(serde)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(Topics.ELECTRICITY, sent.getMeteringPointId(), sent));
            producer.commitTransaction();
        }

        List<ConsumerRecord<byte[], byte[]>> read = readRaw(stack.bootstrapServers(), Topics.ELECTRICITY, 1);

        assertThat(read).hasSize(1);
        byte[] bytes = read.get(0).value();
        assertThat(bytes[0]).isEqualTo((byte) 0);
        int expectedId = registry.idOf(Topics.ELECTRICITY + "-value", ElectricityTimeSeries.getClassSchema());
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(expectedId);
        AvroSerde<ElectricityTimeSeries> reader = AvroSerde.forValue(ElectricityTimeSeries.class, new RestSchemaRegistry(stack.registryUrl()), false);
        assertThat(reader.deserialize(Topics.ELECTRICITY, bytes)).isEqualTo(sent);
    }

    @Test
    void shouldKeepTopicsRecordsAndSchemasAcrossARestartUnlessFresh() throws Exception {
        AvroSerde<ElectricityTimeSeries> serde = AvroSerde.forValue(ElectricityTimeSeries.class, stack.schemaRegistry(), false);
        Properties props = stack.config().clientProperties();
        ElectricityTimeSeries sent = series("571313100000000002", 1_700_000_000_001L);
        try (KafkaProducer<String, ElectricityTimeSeries> producer = new KafkaProducer<>(props, new StringSerializer(), serde.serializer())) {
            producer.send(new ProducerRecord<>(Topics.ELECTRICITY, "571313100000000002", sent));
        }

        stack.close();
        stack = EmbeddedStack.startAndSetUp(dataDir, kafkaPort, registryPort, false);

        AvroSerde<ElectricityTimeSeries> reader = AvroSerde.forValue(ElectricityTimeSeries.class, stack.schemaRegistry(), false);
        Predicate<ConsumerRecord<byte[], byte[]>> isSent = r -> reader.deserialize(Topics.ELECTRICITY, r.value()).equals(sent);
        assertThat(readRaw(stack.bootstrapServers(), Topics.ELECTRICITY, records -> records.stream().anyMatch(isSent)))
                .anyMatch(isSent);

        stack.close();
        stack = EmbeddedStack.startAndSetUp(dataDir, kafkaPort, registryPort, true);

        try (Admin admin = Admin.create(stack.config().clientProperties())) {
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            for (int p = 0; p < 6; p++) {
                ends.put(new TopicPartition(Topics.ELECTRICITY, p), OffsetSpec.latest());
            }
            assertThat(admin.listOffsets(ends).all().get().values()).allSatisfy(o -> assertThat(o.offset()).isZero());
        }
        assertThat(stack.schemaRegistry().subjects()).contains(Topics.ELECTRICITY + "-value");
    }
}
