package dk.klimaflow.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.Edition;
import dk.klimaflow.avro.EmissionFactor;
import dk.klimaflow.avro.MeteringPoint;
import dk.klimaflow.avro.MeteringPointType;
import dk.klimaflow.avro.PriceArea;
import dk.klimaflow.avro.ReasonCode;
import dk.klimaflow.avro.RejectedRecord;
import dk.klimaflow.avro.Resolution;
import dk.klimaflow.avro.SectorEmissions;
import dk.klimaflow.config.KlimaflowConfig;
import dk.klimaflow.config.Topics;
import dk.klimaflow.domain.Granularity;
import dk.klimaflow.domain.LocalCalendar;
import dk.klimaflow.embedded.EmbeddedKafka;
import dk.klimaflow.embedded.EmbeddedRegistry;
import dk.klimaflow.embedded.Ports;
import dk.klimaflow.embedded.SaslUsers;
import dk.klimaflow.embedded.TopicSetup;
import dk.klimaflow.registry.RestSchemaRegistry;
import dk.klimaflow.security.ProductionAcls;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authenticated per-utility writes on a broker that authenticates every client (SASL/PLAIN) and authorizes it by ACLs only
 * ({@code StandardAuthorizer}): the pipeline runs as its own principal with exactly the ACLs of {@link ProductionAcls} (the
 * set the README lists), DataHub's principal writes the register and the factors, a utility writes readings and nothing
 * else, and an operator reads the aggregates and dead letters. A utility's reading of its own metering point is counted; a
 * utility cannot write the register; a reading about another utility's metering point is dead-lettered as NOT_OWNER; a
 * wrong password is refused.
 */
class AuthorizedWritesIT {
    static final String MP = "571313100000000051";
    static final String UTILITY_A = "5790000000001";
    static final String UTILITY_B = "5790000000002";
    static final String APP = "klimaflow-secured";

    @TempDir
    Path dir;

    @Test
    void shouldCountAUtilitysOwnReadingsUnderLeastPrivilegeAcls() throws Exception {
        SaslUsers users = new SaslUsers("admin", Map.of("admin", "admin-secret", "klimaflow", "pipeline-secret",
                "datahub", "datahub-secret", "utility-a", "a-secret", "utility-b", "b-secret", "operator", "operator-secret"));
        try (EmbeddedKafka kafka = new EmbeddedKafka(Ports.free(), dir.resolve("kafka")).withSasl(users).start();
             EmbeddedRegistry registryServer = new EmbeddedRegistry(Ports.free(), dir).start()) {
            RestSchemaRegistry registry = new RestSchemaRegistry(registryServer.url());
            Map<String, String> base = Map.of("bootstrap.servers", kafka.bootstrapServers(), KlimaflowConfig.SCHEMA_REGISTRY_URL, registryServer.url());
            KlimaflowConfig admin = as(users, "admin", base, Map.of(KlimaflowConfig.AUTO_REGISTER, "true"));
            new TopicSetup(admin).setUp(registry, true);
            try (Admin a = Admin.create(admin.clientProperties())) {
                a.createAcls(ProductionAcls.all(APP, "klimaflow", "datahub", List.of("utility-a", "utility-b"), "operator", "it-"))
                        .all().get(30, TimeUnit.SECONDS);
            }
            KlimaflowConfig pipeline = as(users, "klimaflow", base, Map.of("application.id", APP,
                    "state.dir", dir.resolve("streams").toString(), KlimaflowConfig.WEB_PORT, String.valueOf(Ports.free())));
            PipelineSerdes serdes = PipelineSerdes.create(registry, false);
            Instant now = Instant.now();
            Instant hour = Instant.ofEpochMilli(LocalCalendar.floorHour(now.toEpochMilli())).minus(Duration.ofHours(2));
            String day = "0187|I.2|ELECTRICITY|" + LocalCalendar.isoLocal(LocalCalendar.window(Granularity.DAY, hour.toEpochMilli()).start());
            try (PipelineApp app = PipelineApp.start(pipeline, registry);
                 KafkaProducer<String, byte[]> datahub = producer(users, "datahub", base);
                 KafkaProducer<String, byte[]> utilityA = producer(users, "utility-a", base);
                 KafkaProducer<String, byte[]> utilityB = producer(users, "utility-b", base)) {
                assertThat(app.awaitRunning(Duration.ofSeconds(90))).as("the pipeline runs with its ACLs only").isTrue();
                datahub.send(new ProducerRecord<>(Topics.METERING_POINTS, MP, serdes.meteringPoint().serialize(Topics.METERING_POINTS,
                        new MeteringPoint(MP, Carrier.ELECTRICITY, UTILITY_A, "0187", "I.2", false, PriceArea.DK2, null, MeteringPointType.E17, null)))).get();
                datahub.send(new ProducerRecord<>(Topics.EMISSION_FACTORS, "ELECTRICITY|DK2|125%|ACTUAL|" + hour, serdes.emissionFactor().serialize(
                        Topics.EMISSION_FACTORS, new EmissionFactor(Carrier.ELECTRICITY, "DK2", hour, hour.plus(Duration.ofHours(1)), 200.0,
                                "125%", Edition.ACTUAL, "it", null, null)))).get();
                utilityA.send(reading(serdes, UTILITY_A, hour, now, 4_000L)).get();

                assertThatThrownBy(() -> utilityB.send(new ProducerRecord<>(Topics.METERING_POINTS, MP, new byte[] {0})).get())
                        .as("a utility cannot write the register").hasCauseInstanceOf(TopicAuthorizationException.class);
                utilityB.send(reading(serdes, UTILITY_B, hour, now, 9_000L)).get(); // authenticated, but not the owner

                KlimaflowConfig operator = as(users, "operator", base, Map.of());
                // the factor may reach the cells after the reading (another sub-topology): then the reading is re-priced
                Map<String, List<SectorEmissions>> days = EmissionsPipelineIT.consumeUntil(operator, serdes, Topics.DAILY, m -> m.containsKey(day)
                        && m.get(day).get(m.get(day).size() - 1).getEnergyWh() == 4_000L && m.get(day).get(m.get(day).size() - 1).getCo2eGrams() == 800L);
                assertThat(days.get(day).get(days.get(day).size() - 1).getPendingFactorWh()).isZero();
                Map<String, List<RejectedRecord>> rejected = EmissionsPipelineIT.consumeUntil(operator, serdes, Topics.REJECTED,
                        m -> m.values().stream().flatMap(List::stream).anyMatch(r -> r.getReasonCode() == ReasonCode.NOT_OWNER));
                assertThat(rejected.values().stream().flatMap(List::stream).map(RejectedRecord::getReasonCode)).containsExactly(ReasonCode.NOT_OWNER);
            }
            try (KafkaProducer<String, byte[]> intruder = producer(SaslUsers.clientSettings("utility-a", "guess"), base)) {
                assertThatThrownBy(() -> intruder.send(new ProducerRecord<>(Topics.ELECTRICITY, MP, new byte[] {0})).get(30, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SaslAuthenticationException.class);
            }
        }
    }

    private static ProducerRecord<String, byte[]> reading(PipelineSerdes serdes, String utility, Instant hour, Instant now, long wh) {
        return new ProducerRecord<>(Topics.ELECTRICITY, MP, serdes.electricity().serialize(Topics.ELECTRICITY,
                EmissionsPipelineIT.series(MP, utility, hour, Resolution.PT1H, now.minusSeconds(30), wh)));
    }

    private static KlimaflowConfig as(SaslUsers users, String user, Map<String, String> base, Map<String, String> more) {
        Map<String, String> settings = new HashMap<>(base);
        settings.putAll(users.clientSettings(user));
        settings.putAll(more);
        return KlimaflowConfig.of(settings);
    }

    private static KafkaProducer<String, byte[]> producer(SaslUsers users, String user, Map<String, String> base) {
        return producer(users.clientSettings(user), base);
    }

    private static KafkaProducer<String, byte[]> producer(Map<String, String> credentials, Map<String, String> base) {
        Map<String, Object> p = new HashMap<>(credentials);
        p.put("bootstrap.servers", base.get("bootstrap.servers"));
        p.put("max.block.ms", "30000");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }
}
