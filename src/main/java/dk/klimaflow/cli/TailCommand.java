package dk.klimaflow.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.klimaflow.config.ConfigException;
import dk.klimaflow.config.KlimaflowConfig;
import dk.klimaflow.config.Topics;
import dk.klimaflow.registry.RestSchemaRegistry;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code klimaflow tail TOPIC}: prints the records of one klimaflow topic as JSON lines
 * ({@code {"partition","offset","timestamp","key","value"}}), read committed, from the beginning (or the end), decoding the Avro
 * value with the writer's schema from the registry. Keys print as strings; a value that does not decode prints with an
 * {@code error} and its bytes in base64 instead of stopping the tail.
 */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = "Print the records of a klimaflow topic as JSON lines, decoding Avro via the schema registry.")
public final class TailCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TOPIC", description = "One of the klimaflow topics, e.g. energy.electricity.readings.")
    String topic;

    @Option(names = "--from-end", description = "Only records that arrive from now on (default: from the beginning).")
    boolean fromEnd;

    @Option(names = "--max", paramLabel = "N", description = "Stop after N records (default: run until Ctrl-C).")
    Long max;

    @Option(names = "--table", description = "Readable table for the emissions.sector.* topics: sector, window, kWh, t CO2e, completeness.")
    boolean table;

    @Mixin
    ClusterOptions cluster;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!Topics.ALL.contains(topic)) {
            throw new ParameterException(spec.commandLine(), "unknown topic '" + topic + "': use one of " + Topics.ALL);
        }
        if (max != null && max < 1) {
            throw new ParameterException(spec.commandLine(), "--max must be at least 1, got " + max);
        }
        if (table && !Topics.AGGREGATES.contains(topic)) {
            throw new ParameterException(spec.commandLine(), "--table works on the aggregate topics " + Topics.AGGREGATES + ", not " + topic);
        }
        KlimaflowConfig config = cluster.config();
        RestSchemaRegistry registry = RestSchemaRegistry.fromConfig(config);
        registry.subjects(); // fail now, not at the first record, if the registry is unreachable
        AvroJson avro = new AvroJson(registry);
        PrintWriter out = spec.commandLine().getOut();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(config)) {
            List<TopicPartition> partitions = partitions(consumer, config.get("bootstrap.servers"));
            consumer.assign(partitions);
            if (fromEnd) {
                consumer.seekToEnd(partitions);
            } else {
                consumer.seekToBeginning(partitions);
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                consumer.wakeup();
                awaitQuietly(stopped);
            }, "klimaflow-tail-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                long printed = 0;
                if (table) {
                    out.println(SectorTable.HEADER);
                }
                while (max == null || printed < max) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        ObjectNode line = line(record, avro);
                        out.println(table && line.has("value") && !line.get("value").isNull() ? SectorTable.row(line.get("value")) : line);
                        out.flush();
                        if (max != null && ++printed >= max) {
                            break;
                        }
                    }
                }
            } catch (WakeupException e) {
                // Ctrl-C: stop quietly
            } finally {
                stopped.countDown();
                removeQuietly(hook);
            }
        }
        return 0;
    }

    private static KafkaConsumer<byte[], byte[]> consumer(KlimaflowConfig config) {
        Properties props = config.clientProperties();
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "klimaflow-tail");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String bootstrap) {
        List<PartitionInfo> infos;
        try {
            infos = consumer.partitionsFor(topic, Duration.ofSeconds(15));
        } catch (TimeoutException e) {
            throw new ConfigException("Kafka unreachable at " + bootstrap + ": start it (./klimaflow stack) or set --bootstrap-server");
        }
        if (infos == null || infos.isEmpty()) {
            throw new ConfigException("topic " + topic + " does not exist at " + bootstrap + ": start ./klimaflow stack (it creates the"
                    + " topics) or check --bootstrap-server");
        }
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    static ObjectNode line(ConsumerRecord<byte[], byte[]> record, AvroJson avro) {
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        line.put("partition", record.partition());
        line.put("offset", record.offset());
        line.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
        line.put("key", record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8));
        if (record.value() == null) {
            line.putNull("value");
            return line;
        }
        try {
            line.set("value", avro.decode(record.value()));
        } catch (SerializationException e) {
            line.put("error", e.getMessage());
            line.put("valueBase64", Base64.getEncoder().encodeToString(record.value()));
        }
        return line;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeQuietly(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running
        }
    }
}
