package dk.klimaflow.registry;

import static dk.klimaflow.embedded.StackTestSupport.readRaw;
import static dk.klimaflow.embedded.StackTestSupport.series;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.klimaflow.avro.ElectricityTimeSeries;
import dk.klimaflow.avro.Point;
import dk.klimaflow.avro.Quality;
import dk.klimaflow.avro.Resolution;
import dk.klimaflow.cli.KlimaflowCli;
import dk.klimaflow.config.Topics;
import dk.klimaflow.embedded.EmbeddedStack;
import dk.klimaflow.embedded.Ports;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop with an independent Confluent client: Confluent's JavaScript Schema Registry client with kafkajs (src/test/js,
 * installed with npm on first use) registers and produces an ElectricityTimeSeries that the Java side reads with
 * {@link AvroSerde} and {@code klimaflow tail}, and reads what the Java side produced. One embedded stack for the class.
 */
class ConfluentJsInteropIT {
    private static final String JAVA_KEY = "571313100000000031";
    private static final String JS_KEY = "571313100000000032";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;
    static EmbeddedStack stack;
    static ElectricityTimeSeries javaProduced;
    static List<JsonNode> jsOutput;

    @BeforeAll
    static void runTheJavaScriptClient() throws Exception {
        Path js = projectDir().resolve("src/test/js");
        if (!Files.isDirectory(js.resolve("node_modules"))) {
            run(js, List.of("npm", Files.exists(js.resolve("package-lock.json")) ? "ci" : "install", "--no-audit", "--no-fund"), 600);
        }
        stack = EmbeddedStack.startAndSetUp(dataDir, Ports.free(), Ports.free(), false);
        javaProduced = series(JAVA_KEY, 1_750_000_000_000L);
        AvroSerde<ElectricityTimeSeries> serde = AvroSerde.forValue(ElectricityTimeSeries.class, stack.schemaRegistry(), false);
        Properties props = stack.config().clientProperties();
        try (KafkaProducer<String, ElectricityTimeSeries> producer = new KafkaProducer<>(props, new StringSerializer(), serde.serializer())) {
            producer.send(new ProducerRecord<>(Topics.ELECTRICITY, JAVA_KEY, javaProduced)).get();
        }
        String out = run(js, List.of("node", "interop.js", "--bootstrap", stack.bootstrapServers(), "--registry", stack.registryUrl(),
                "--schemas", projectDir().resolve("schemas").toString(), "--topic", Topics.ELECTRICITY, "--produce-key", JS_KEY,
                "--expect-key", JAVA_KEY, "--timeout-ms", "60000"), 120);
        jsOutput = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                jsOutput.add(JSON.readTree(line));
            }
        }
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    static Path projectDir() {
        return Path.of(System.getProperty("klimaflow.project.dir", "."));
    }

    /** Runs a command in {@code dir} with a deadline and returns its stdout; fails with its stderr if it fails. */
    static String run(Path dir, List<String> command, long deadlineSeconds) throws IOException, InterruptedException {
        File stdout = Files.createTempFile(dataDir, "out", ".txt").toFile();
        File stderr = Files.createTempFile(dataDir, "err", ".txt").toFile();
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(stdout).redirectError(stderr).start();
        if (!process.waitFor(deadlineSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(command + " did not finish in " + deadlineSeconds + " s: " + Files.readString(stderr.toPath()));
        }
        if (process.exitValue() != 0) {
            throw new AssertionError(command + " failed with exit " + process.exitValue() + ": " + Files.readString(stderr.toPath()));
        }
        return Files.readString(stdout.toPath(), StandardCharsets.UTF_8);
    }

    private static JsonNode output(String kind) {
        return jsOutput.stream().filter(n -> n.has(kind)).findFirst().orElseThrow(() -> new AssertionError("no " + kind + " in " + jsOutput))
                .get(kind);
    }

    @Test
    void shouldReadWithAvroSerdeWhatTheJavaScriptClientProduced() {
        List<ConsumerRecord<byte[], byte[]>> records = readRaw(stack.bootstrapServers(), Topics.ELECTRICITY,
                read -> read.stream().anyMatch(r -> JS_KEY.equals(new String(r.key(), StandardCharsets.UTF_8))));
        ConsumerRecord<byte[], byte[]> fromJs = records.stream()
                .filter(r -> JS_KEY.equals(new String(r.key(), StandardCharsets.UTF_8))).findFirst().orElseThrow();

        AvroSerde<ElectricityTimeSeries> serde = AvroSerde.forValue(ElectricityTimeSeries.class, new RestSchemaRegistry(stack.registryUrl()), false);
        ElectricityTimeSeries value = serde.deserialize(Topics.ELECTRICITY, fromJs.value());

        assertThat(fromJs.value()[0]).isEqualTo(AvroSerde.MAGIC);
        assertThat(value.getMeteringPointId()).isEqualTo(JS_KEY);
        assertThat(value.getUtilityId()).isEqualTo("js-utility");
        assertThat(value.getPeriodStart()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(value.getResolution()).isEqualTo(Resolution.PT15M);
        assertThat(value.getPoints()).containsExactly(new Point(250L, Quality.MEASURED), new Point(260L, Quality.ESTIMATED),
                new Point(null, Quality.MISSING));
        assertThat(value.getSentAt()).isEqualTo(Instant.parse("2026-03-01T01:00:00Z"));
        // kafkajs' default partitioner agrees with Java's: keyed topics stay co-partitioned whoever produces
        int partitions = 6;
        assertThat(fromJs.partition()).isEqualTo(Utils.toPositive(Utils.murmur2(JS_KEY.getBytes(StandardCharsets.UTF_8))) % partitions);
    }

    @Test
    void shouldLetTheJavaScriptClientDecodeWhatJavaProduced() {
        JsonNode consumed = output("consumed").get("value");

        assertThat(output("registered").get("id").asInt()).isPositive();
        assertThat(consumed.get("meteringPointId").asText()).isEqualTo(JAVA_KEY);
        assertThat(consumed.get("utilityId").asText()).isEqualTo(javaProduced.getUtilityId());
        assertThat(consumed.get("periodStart").asLong()).isEqualTo(javaProduced.getPeriodStart().toEpochMilli());
        assertThat(consumed.get("resolution").asText()).isEqualTo("PT1H");
        assertThat(consumed.get("points").toString()).isEqualTo("[{\"quantityWh\":1200,\"quality\":\"MEASURED\"},{\"quantityWh\":null,\"quality\":\"MISSING\"}]");
        assertThat(consumed.get("sentAt").asLong()).isEqualTo(javaProduced.getSentAt().toEpochMilli());
    }

    @Test
    void shouldTailWhatTheJavaScriptClientProducedAsJson() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = KlimaflowCli.execute(new PrintWriter(out), new PrintWriter(err), "tail", Topics.ELECTRICITY,
                "--bootstrap-server", stack.bootstrapServers(), "--registry-url", stack.registryUrl(), "--max", "2");

        assertThat(exit).as(err.toString()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            lines.add(JSON.readTree(line));
        }
        JsonNode fromJs = lines.stream().filter(l -> l.get("key").asText().equals(JS_KEY)).findFirst().orElseThrow();
        assertThat(fromJs.get("value").get("utilityId").asText()).isEqualTo("js-utility");
        assertThat(fromJs.get("value").get("periodStart").asText()).isEqualTo("2026-03-01T00:00:00Z");
        assertThat(fromJs.get("value").get("points").get(2).get("quantityWh").isNull()).isTrue();
    }
}
