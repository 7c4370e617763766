package dk.klimaflow.report;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.EmissionFactor;
import dk.klimaflow.avro.MeteringPoint;
import dk.klimaflow.avro.SectorEmissions;
import dk.klimaflow.config.ConfigException;
import dk.klimaflow.config.KlimaflowConfig;
import dk.klimaflow.config.Topics;
import dk.klimaflow.domain.MasterDataRules;
import dk.klimaflow.registry.AvroSerde;
import dk.klimaflow.registry.SchemaRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads what a report needs from the compacted topics, {@code read_committed}, from the beginning to the end offsets at the
 * time of reading (no group, nothing committed): the latest {@code SectorEmissions} per key of {@code emissions.sector.yearly}
 * and {@code .monthly} for one municipality, the municipality's factor areas from {@code energy.metering-points}, and the
 * factors of the configured methods on {@code energy.emission-factors}. Tombstones remove a key. Memory: the latest value
 * per key of the municipality (aggregates) or of the factor areas (factors).
 */
public final class AggregateReader implements AnnualReport.Source, AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final SchemaRegistry registry;
    private final String bootstrap;

    public AggregateReader(KlimaflowConfig config, SchemaRegistry registry) {
        Properties p = config.clientProperties();
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "klimaflow-report");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.registry = registry;
        this.bootstrap = config.get("bootstrap.servers");
    }

    /** Latest aggregate per key of {@code topic} with this municipality and a window starting in [from, to). */
    @Override
    public List<SectorEmissions> aggregates(String topic, String municipality, long from, long to) {
        AvroSerde<SectorEmissions> serde = AvroSerde.forValue(SectorEmissions.class, registry, false);
        Map<String, SectorEmissions> latest = new HashMap<>();
        String prefix = municipality + "|";
        read(topic, (key, value) -> {
            if (!key.startsWith(prefix)) {
                return;
            }
            if (value == null) {
                latest.remove(key);
                return;
            }
            SectorEmissions s = serde.deserialize(topic, value);
            long start = s.getWindowStart().toEpochMilli();
            if (start >= from && start < to) {
                latest.put(key, s);
            }
        });
        return new ArrayList<>(latest.values());
    }

    /** The factor areas (price areas, supply areas) of the municipality's metering points, per carrier. */
    @Override
    public Map<Carrier, Set<String>> areas(String municipality) {
        AvroSerde<MeteringPoint> serde = AvroSerde.forValue(MeteringPoint.class, registry, false);
        Map<String, MeteringPoint> latest = new HashMap<>();
        read(Topics.METERING_POINTS, (key, value) -> {
            if (value == null) {
                latest.remove(key);
            } else {
                latest.put(key, serde.deserialize(Topics.METERING_POINTS, value));
            }
        });
        Map<Carrier, Set<String>> areas = new EnumMap<>(Carrier.class);
        latest.values().stream().filter(mp -> mp.getMunicipalityCode().equals(municipality))
                .forEach(mp -> areas.computeIfAbsent(mp.getCarrier(), c -> new HashSet<>()).add(MasterDataRules.factorArea(mp)));
        return areas;
    }

    /** Provenance of the factors of {@code methods} for {@code areas} that overlap [from, to), per carrier. */
    @Override
    public Map<Carrier, FactorProvenance> factors(Map<Carrier, String> methods, Map<Carrier, Set<String>> areas, long from, long to) {
        AvroSerde<EmissionFactor> serde = AvroSerde.forValue(EmissionFactor.class, registry, false);
        Map<String, EmissionFactor> latest = new HashMap<>();
        read(Topics.EMISSION_FACTORS, (key, value) -> {
            if (value == null) {
                latest.remove(key);
                return;
            }
            EmissionFactor f = serde.deserialize(Topics.EMISSION_FACTORS, value);
            if (f.getMethod().equals(methods.get(f.getCarrier())) && areas.getOrDefault(f.getCarrier(), Set.of()).contains(f.getArea())
                    && f.getValidFrom().toEpochMilli() < to && f.getValidTo().toEpochMilli() > from) {
                latest.put(key, f);
            } else {
                latest.remove(key);
            }
        });
        Map<Carrier, FactorProvenance> out = new EnumMap<>(Carrier.class);
        for (Carrier c : Carrier.values()) {
            out.put(c, new FactorProvenance(methods.get(c)));
        }
        latest.values().forEach(f -> out.get(f.getCarrier()).add(f));
        return out;
    }

    private void read(String topic, BiConsumer<String, byte[]> each) {
        List<PartitionInfo> infos;
        try {
            infos = consumer.partitionsFor(topic, Duration.ofSeconds(15));
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new ConfigException("Kafka unreachable at " + bootstrap + ": start it (./klimaflow stack or demo) or set --bootstrap-server");
        }
        if (infos == null || infos.isEmpty()) {
            throw new ConfigException("topic " + topic + " does not exist at " + bootstrap + ": start ./klimaflow stack (it creates the topics)");
        }
        List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                each.accept(r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8), r.value());
            }
        }
        consumer.unsubscribe();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
