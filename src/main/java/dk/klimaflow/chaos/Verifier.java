package dk.klimaflow.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.klimaflow.avro.RejectedRecord;
import dk.klimaflow.avro.SectorEmissions;
import dk.klimaflow.bench.ExpectedTotals;
import dk.klimaflow.config.Topics;
import dk.klimaflow.registry.AvroSerde;
import dk.klimaflow.registry.SchemaRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Checks the pipeline's committed results against the {@link ChaosLedger}. Input: the cluster's client settings, the registry,
 * the pipeline's counters URL ({@code /api/counters}). It reads, {@code read_committed} from the start, the four aggregate
 * topics ({@code emissions.sector.hourly}, {@code .daily}, {@code .monthly}, {@code .yearly}, latest value per cell) and the
 * dead letters ({@code energy.readings.rejected}, those of the reading topics, with their source topic, partition and offset).
 * Output: a {@link Check} that holds once every expected (municipality, sector, carrier, window) cell of every granularity
 * equals the ledger's Wh, CO2e micrograms and grams (no pending factor energy, no unexpected cell), the ledger holds (records in = accepted + rejected + parked, each equal to what was sent: rejected only the
 * MALFORMED records sent on purpose, parked only the unknown metering points), and each dead letter of a reading is there
 * once; otherwise the first difference.
 */
public final class Verifier implements AutoCloseable {
    /** The pipeline's ledger ({@code /api/counters}) and the outcome of one comparison. */
    public record Check(long in, long accepted, long rejected, long parked, Map<String, Long> rejectedByReason, long deadLetters,
                        boolean equal, String firstDifference, Map<String, Integer> cellsCompared) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final AvroSerde<SectorEmissions> aggregates;
    private final AvroSerde<RejectedRecord> rejected;
    private static final Map<String, ExpectedTotals.Grain> GRAINS = Map.of(Topics.HOURLY, ExpectedTotals.Grain.HOUR,
            Topics.DAILY, ExpectedTotals.Grain.DAY, Topics.MONTHLY, ExpectedTotals.Grain.MONTH, Topics.YEARLY, ExpectedTotals.Grain.YEAR);
    private final Map<ExpectedTotals.Grain, Map<ExpectedTotals.Cell, SectorEmissions>> latest = new java.util.EnumMap<>(ExpectedTotals.Grain.class);
    private final Set<String> deadLetterSources = new HashSet<>();
    private final List<String> duplicateDeadLetters = new ArrayList<>();
    private final Map<String, Long> deadLetterReasons = new TreeMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    public Verifier(Properties clientSettings, SchemaRegistry registry) {
        Properties p = new Properties();
        p.putAll(clientSettings);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "klimaflow-chaos-verifier");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.HOURLY, Topics.DAILY, Topics.MONTHLY, Topics.YEARLY, Topics.REJECTED)) {
            consumer.partitionsFor(topic, Duration.ofSeconds(60)).forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.aggregates = AvroSerde.forValue(SectorEmissions.class, registry, false);
        this.rejected = AvroSerde.forValue(RejectedRecord.class, registry, false);
    }

    /** Reads what was committed since the last call, for up to {@code timeout}. */
    void poll(Duration timeout) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(timeout)) {
            if (r.value() == null) {
                continue;
            }
            ExpectedTotals.Grain grain = GRAINS.get(r.topic());
            if (grain != null) {
                SectorEmissions s = aggregates.deserialize(r.topic(), r.value());
                latest.computeIfAbsent(grain, g -> new HashMap<>()).put(new ExpectedTotals.Cell(s.getMunicipalityCode(),
                        s.getGpcSector(), s.getCarrier().toString(), s.getWindowStart().toEpochMilli()), s);
            } else {
                RejectedRecord d = rejected.deserialize(r.topic(), r.value());
                if (d.getSourceTopic().equals(Topics.ELECTRICITY) || d.getSourceTopic().equals(Topics.DISTRICT_HEATING)) {
                    String source = d.getSourceTopic() + "/" + d.getPartition() + "@" + d.getOffset();
                    String reason = d.getReason().replaceAll("\\d+", "N");
                    deadLetterReasons.merge(reason.substring(0, Math.min(90, reason.length())), 1L, Long::sum);
                    if (!deadLetterSources.add(source)) {
                        duplicateDeadLetters.add(source);
                    }
                }
            }
        }
    }

    /** Polls until the results equal the ledger or {@code timeout} passes; returns the last comparison. */
    public Check await(ChaosLedger ledger, String countersUrl, Duration timeout) {
        List<ExpectedTotals> expected = java.util.Arrays.stream(ExpectedTotals.Grain.values()).map(ledger::expected).toList();
        long deadline = System.nanoTime() + timeout.toNanos();
        Check check;
        do {
            poll(Duration.ofMillis(250));
            check = compare(expected, ledger, countersUrl);
        } while (!check.equal() && System.nanoTime() < deadline);
        return check;
    }

    Check compare(List<ExpectedTotals> expected, ChaosLedger ledger, String countersUrl) {
        JsonNode c = counters(countersUrl);
        long in = c == null ? -1 : c.path("in").asLong();
        long accepted = c == null ? -1 : c.path("accepted").asLong();
        long rejectedTotal = c == null ? -1 : c.path("rejectedTotal").asLong();
        long parked = c == null ? -1 : c.path("parked").asLong();
        Map<String, Long> byReason = new TreeMap<>();
        if (c != null) {
            c.path("rejected").fields().forEachRemaining(e -> {
                if (e.getValue().asLong() != 0) {
                    byReason.put(e.getKey(), e.getValue().asLong());
                }
            });
        }
        String totals = null;
        for (ExpectedTotals e : expected) {
            totals = totals != null ? totals : totalsDifference(e);
        }
        String books = c == null ? "no answer from " + countersUrl : ledgerDifference(ledger, in, accepted, rejectedTotal, parked, byReason);
        String difference = totals == null ? books : books == null ? totals : totals + "; " + books;
        Map<String, Integer> cells = new java.util.LinkedHashMap<>();
        expected.forEach(e -> cells.put(e.grain().label(), e.size()));
        return new Check(in, accepted, rejectedTotal, parked, byReason, deadLetterSources.size(), difference == null, difference, cells);
    }

    private String totalsDifference(ExpectedTotals expected) {
        Map<ExpectedTotals.Cell, SectorEmissions> seen = latest.getOrDefault(expected.grain(), Map.of());
        Map<ExpectedTotals.Cell, ExpectedTotals.Totals> observed = new HashMap<>();
        seen.forEach((cell, s) -> observed.put(cell, new ExpectedTotals.Totals(s.getEnergyWh(), s.getCo2eMicrograms())));
        List<String> diff = expected.compare(observed);
        String grain = expected.grain().label();
        if (!diff.isEmpty()) {
            return diff.size() + " " + grain + " cells differ, first " + diff.get(0);
        }
        for (var e : expected.cells().entrySet()) {
            SectorEmissions s = seen.get(e.getKey());
            if (s.getCo2eGrams() != e.getValue().co2eGrams()) {
                return grain + " " + e.getKey() + ": co2eGrams expected " + e.getValue().co2eGrams() + ", got " + s.getCo2eGrams();
            }
            if (s.getPendingFactorWh() != 0) {
                return grain + " " + e.getKey() + ": pendingFactorWh expected 0, got " + s.getPendingFactorWh();
            }
        }
        return null;
    }

    private String ledgerDifference(ChaosLedger ledger, long in, long accepted, long rejectedTotal, long parked, Map<String, Long> byReason) {
        if (in != accepted + rejectedTotal + parked) {
            return "ledger unbalanced: in " + in + " != accepted " + accepted + " + rejected " + rejectedTotal + " + parked " + parked;
        }
        if (in != ledger.records()) {
            return "records in: sent " + ledger.records() + ", counted " + in;
        }
        if (rejectedTotal != ledger.malformed() || byReason.getOrDefault("MALFORMED", 0L) != ledger.malformed()) {
            return "rejected: expected " + ledger.malformed() + " MALFORMED (the garbage sent on purpose), counted " + byReason
                    + "; dead-letter reasons " + deadLetterReasons;
        }
        if (accepted != ledger.accepted()) {
            return "accepted: expected " + ledger.accepted() + ", counted " + accepted;
        }
        if (parked != ledger.parked()) {
            return "parked: expected " + ledger.parked() + ", counted " + parked;
        }
        if (!duplicateDeadLetters.isEmpty()) {
            return duplicateDeadLetters.size() + " readings dead-lettered twice, e.g. " + duplicateDeadLetters.get(0);
        }
        if (deadLetterSources.size() != rejectedTotal) {
            return "dead letters of readings on " + Topics.REJECTED + ": " + deadLetterSources.size() + ", rejected counted " + rejectedTotal;
        }
        return null;
    }

    private JsonNode counters(String url) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        } catch (Exception e) {
            return null; // the pipeline is starting or restoring
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
