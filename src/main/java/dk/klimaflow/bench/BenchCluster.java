package dk.klimaflow.bench;

import dk.klimaflow.config.KlimaflowConfig;
import dk.klimaflow.embedded.EmbeddedStack;
import dk.klimaflow.embedded.Ports;
import dk.klimaflow.embedded.TopicSetup;
import dk.klimaflow.registry.RestSchemaRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;

/**
 * The Kafka cluster and schema registry the bench runs against. Input: the settings; without --bootstrap-server it starts an
 * embedded broker and registry in a fresh temporary directory (deleted by {@link #close}); either way it creates the klimaflow
 * topics (with --partitions when it creates them) and registers the schemas. Output: the client {@link #config()}, the
 * {@link #registry()}, and admin helpers: partition counts, end offsets, and {@link #truncate} (delete-records up to the end,
 * so a fresh pipeline application reads only the next run's readings).
 */
public final class BenchCluster implements AutoCloseable {
    private final EmbeddedStack stack;
    private final Path tempDir;
    private final KlimaflowConfig config;
    private final RestSchemaRegistry registry;
    private final Admin admin;
    private final Thread hook;

    private BenchCluster(EmbeddedStack stack, Path tempDir, KlimaflowConfig config, RestSchemaRegistry registry) {
        this.stack = stack;
        this.tempDir = tempDir;
        this.config = config;
        this.registry = registry;
        this.admin = Admin.create(config.clientProperties());
        this.hook = new Thread(this::stopStack, "bench-stop-stack");
        if (stack != null) {
            Runtime.getRuntime().addShutdownHook(hook); // Ctrl-C: no broker, registry child or temp dir is left behind
        }
    }

    public static BenchCluster start(BenchSettings settings) throws IOException {
        Map<String, String> partitions = Map.of(KlimaflowConfig.PARTITIONS, String.valueOf(settings.partitions()));
        if (!settings.embedded()) {
            KlimaflowConfig config = KlimaflowConfig.load(null, System.getenv(), Map.of("bootstrap.servers", settings.bootstrapServers(),
                    KlimaflowConfig.SCHEMA_REGISTRY_URL, settings.registryUrl(), KlimaflowConfig.AUTO_REGISTER, "true")).with(partitions);
            RestSchemaRegistry registry = RestSchemaRegistry.fromConfig(config);
            new TopicSetup(config).setUp(registry, true);
            return new BenchCluster(null, null, config, registry);
        }
        Path dir = Files.createTempDirectory("klimaflow-bench-");
        EmbeddedStack stack = new EmbeddedStack(dir, Ports.free(), Ports.free(), true).start();
        try {
            KlimaflowConfig config = stack.config().with(partitions);
            new TopicSetup(config).setUp(stack.schemaRegistry(), true);
            return new BenchCluster(stack, dir, config, stack.schemaRegistry());
        } catch (RuntimeException e) {
            stack.close();
            deleteTree(dir);
            throw e;
        }
    }

    public KlimaflowConfig config() { return config; }

    public RestSchemaRegistry registry() { return registry; }

    public Path tempDir() { return tempDir; }

    public Properties clientProperties() { return config.clientProperties(); }

    public int partitions(String topic) throws ExecutionException, InterruptedException {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
    }

    public Map<TopicPartition, Long> endOffsets(String topic) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions(topic); p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> out = new HashMap<>();
        admin.listOffsets(request).all().get().forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    /** Deletes every record of the given (delete-policy) topics up to their current end. */
    public void truncate(String... topics) throws ExecutionException, InterruptedException {
        Map<TopicPartition, RecordsToDelete> deletes = new HashMap<>();
        for (String topic : topics) {
            endOffsets(topic).forEach((tp, end) -> deletes.put(tp, RecordsToDelete.beforeOffset(end)));
        }
        admin.deleteRecords(deletes).all().get();
    }

    public void createTopic(String topic, int partitions) throws ExecutionException, InterruptedException {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) config.getInt(KlimaflowConfig.REPLICATION))
                .configs(Map.of("retention.ms", "3600000")))).all().get();
    }

    public void deleteTopics(List<String> topics) {
        try {
            admin.deleteTopics(topics).all().get();
        } catch (Exception e) {
            // best effort: the bench's own scratch topics
        }
    }

    @Override
    public void close() {
        admin.close();
        if (stack != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down: the hook stops the stack
            }
            stopStack();
        }
    }

    private synchronized void stopStack() {
        PipelineProcess.stopAll();
        stack.close();
        deleteTree(tempDir);
    }

    static long sizeOf(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0; // RocksDB removed it meanwhile
                }
            }).sum();
        } catch (IOException | java.io.UncheckedIOException e) {
            return -1;
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
