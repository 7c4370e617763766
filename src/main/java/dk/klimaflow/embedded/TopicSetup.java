package dk.klimaflow.embedded;

import dk.klimaflow.config.ConfigException;
import dk.klimaflow.config.KlimaflowConfig;
import dk.klimaflow.config.Topics;
import dk.klimaflow.registry.SchemaRegistry;
import dk.klimaflow.registry.SchemaRegistryException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Prepares a cluster for klimaflow, embedded or real: creates every topic of {@link Topics#ALL} that is missing, with
 * {@link Topics#settings} (compaction for master data, factors and aggregates), {@code klimaflow.topic.partitions} partitions and
 * {@code klimaflow.topic.replication.factor} replicas; and registers (or, with registration off, checks) the value schema of every
 * topic under {@code <topic>-value}, the generated class named by {@link Topics#VALUE_TYPES}. Idempotent: existing topics and
 * schemas are left as they are.
 */
public final class TopicSetup {
    private static final long TIMEOUT_SECONDS = 30;
    static final List<String> CO_PARTITIONED = List.of(Topics.ELECTRICITY, Topics.DISTRICT_HEATING, Topics.DISTRICT_HEATING_SERIES,
            Topics.METERING_POINTS);

    private final KlimaflowConfig config;

    public TopicSetup(KlimaflowConfig config) {
        this.config = config;
    }

    /** The generated Avro class of the values of {@code topic}. */
    @SuppressWarnings("unchecked")
    public static Class<? extends SpecificRecord> valueClass(String topic) {
        String type = Topics.VALUE_TYPES.get(topic);
        if (type == null) {
            throw new ConfigException("'" + topic + "' is not a klimaflow topic: use one of " + Topics.ALL);
        }
        try {
            return (Class<? extends SpecificRecord>) Class.forName("dk.klimaflow.avro." + type);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("generated class dk.klimaflow.avro." + type + " is missing: rebuild with mvn package", e);
        }
    }

    public static Schema valueSchema(String topic) {
        return SpecificData.get().getSchema(valueClass(topic));
    }

    /** Creates the topics, then registers the schemas ({@code register}) or checks they are registered (fails if not). */
    public Map<String, Integer> setUp(SchemaRegistry registry, boolean register) {
        createTopics();
        return register ? registerSchemas(registry) : checkSchemas(registry);
    }

    /** Creates the missing topics and returns their names; existing topics are left unchanged. */
    public List<String> createTopics() {
        int partitions = config.getInt(KlimaflowConfig.PARTITIONS);
        short replication = (short) config.getInt(KlimaflowConfig.REPLICATION);
        String bootstrap = config.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        Properties props = config.clientProperties();
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "klimaflow-topic-setup");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(TIMEOUT_SECONDS * 1000));
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : Topics.ALL) {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, partitions, replication).configs(Topics.settings(topic)));
                }
            }
            List<String> created = new ArrayList<>();
            checkCoPartitioned(admin, existing, partitions);
            for (var entry : admin.createTopics(missing).values().entrySet()) {
                try {
                    entry.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    created.add(entry.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new ConfigException("cannot create topic " + entry.getKey() + " on " + bootstrap + ": "
                                + e.getCause().getMessage() + " (check " + KlimaflowConfig.PARTITIONS + ", "
                                + KlimaflowConfig.REPLICATION + " and the client's permissions)");
                    }
                }
            }
            return created;
        } catch (TimeoutException e) {
            throw new ConfigException("Kafka unreachable at " + bootstrap + " (no answer in " + TIMEOUT_SECONDS
                    + " s): start it or set bootstrap.servers");
        } catch (ExecutionException e) {
            throw new ConfigException("Kafka at " + bootstrap + " refused to list topics: " + e.getCause().getMessage()
                    + " (check bootstrap.servers and the security settings)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    private void checkCoPartitioned(Admin admin, Set<String> existing, int partitions)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<String> present = CO_PARTITIONED.stream().filter(existing::contains).toList();
        Map<String, Integer> counts = new LinkedHashMap<>();
        if (!present.isEmpty()) {
            admin.describeTopics(present).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .forEach((topic, description) -> counts.put(topic, description.partitions().size()));
        }
        checkCoPartitioned(counts, partitions);
    }

    /**
     * Readings and metering points are joined by metering point id without a repartition, so the co-partitioned topics that
     * exist ({@code existingCounts}: topic to partition count) must agree, and with the count the missing ones will get.
     */
    static void checkCoPartitioned(Map<String, Integer> existingCounts, int partitions) {
        boolean allExist = existingCounts.keySet().containsAll(CO_PARTITIONED);
        boolean agree = existingCounts.values().stream().distinct().count() <= 1;
        boolean missingFit = allExist || existingCounts.values().stream().allMatch(c -> c == partitions);
        if (!agree || !missingFit) {
            throw new ConfigException("topics " + CO_PARTITIONED + " must have the same number of partitions (joined by metering point id),"
                    + " found " + existingCounts + (allExist ? "" : " and " + KlimaflowConfig.PARTITIONS + "=" + partitions + " for the others")
                    + ": set " + KlimaflowConfig.PARTITIONS + " to the existing count or recreate the topics");
        }
    }

    /** Registers the value schema of every topic; returns subject to schema id. */
    public Map<String, Integer> registerSchemas(SchemaRegistry registry) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (String topic : Topics.ALL) {
            ids.put(topic + "-value", registry.register(topic + "-value", valueSchema(topic)));
        }
        return ids;
    }

    /** Checks that the value schema of every topic is registered; fails naming every missing subject. */
    public Map<String, Integer> checkSchemas(SchemaRegistry registry) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String topic : Topics.ALL) {
            try {
                ids.put(topic + "-value", registry.idOf(topic + "-value", valueSchema(topic)));
            } catch (SchemaRegistryException e) {
                if (e.httpStatus() != 404) {
                    throw e;
                }
                missing.add(topic + "-value");
            }
        }
        if (!missing.isEmpty()) {
            throw new ConfigException("the schemas of subjects " + missing + " are not registered and " + KlimaflowConfig.AUTO_REGISTER
                    + "=false: register them once with " + KlimaflowConfig.AUTO_REGISTER + "=true");
        }
        return ids;
    }
}
