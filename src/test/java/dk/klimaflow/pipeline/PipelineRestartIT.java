package dk.klimaflow.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.Edition;
import dk.klimaflow.avro.EmissionFactor;
import dk.klimaflow.avro.MeteringPoint;
import dk.klimaflow.avro.PriceArea;
import dk.klimaflow.avro.Resolution;
import dk.klimaflow.avro.SectorEmissions;
import dk.klimaflow.config.KlimaflowConfig;
import dk.klimaflow.config.Topics;
import dk.klimaflow.domain.Granularity;
import dk.klimaflow.domain.LocalCalendar;
import dk.klimaflow.embedded.EmbeddedStack;
import dk.klimaflow.embedded.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart on an empty state directory: the second instance must rebuild every store (versions, cells, factors, aggregates)
 * from the changelogs, so a correction and a factor revision sent after the restart still give exact totals.
 */
class PipelineRestartIT {
    static final String MP = "571313100000000021";

    @TempDir
    Path dataDir;

    @Test
    void shouldRestoreAllStateAndStayExactAfterARestartWithEmptyLocalState() throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.startAndSetUp(dataDir, Ports.free(), Ports.free(), false)) {
            KlimaflowConfig config = stack.config().with(Map.of(KlimaflowConfig.WEB_PORT, String.valueOf(Ports.free()),
                    "state.dir", dataDir.resolve("streams-1").toString()));
            PipelineSerdes serdes = PipelineSerdes.create(stack.schemaRegistry(), true);
            Instant now = Instant.now();
            Instant hour = Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), 3_600_000L) * 3_600_000L).minus(Duration.ofHours(2));
            String key = "0187|I.3|ELECTRICITY|" + LocalCalendar.isoLocal(LocalCalendar.window(Granularity.DAY, hour.toEpochMilli()).start());
            String factorKey = "ELECTRICITY|DK2|125%|FORECAST|" + hour;
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config.clientProperties(), new StringSerializer(), new ByteArraySerializer())) {
                try (PipelineApp first = PipelineApp.start(config, stack.schemaRegistry())) {
                    assertThat(first.awaitRunning(Duration.ofSeconds(60))).isTrue();
                    producer.send(new ProducerRecord<>(Topics.METERING_POINTS, MP, serdes.meteringPoint().serialize(Topics.METERING_POINTS,
                            new MeteringPoint(MP, Carrier.ELECTRICITY, "grid", "0187", "I.3", false, PriceArea.DK2, null, dk.klimaflow.avro.MeteringPointType.E17, null))));
                    producer.send(new ProducerRecord<>(Topics.EMISSION_FACTORS, factorKey, serdes.emissionFactor().serialize(Topics.EMISSION_FACTORS,
                            new EmissionFactor(Carrier.ELECTRICITY, "DK2", hour, hour.plus(Duration.ofHours(1)), 100.0, "125%", Edition.FORECAST, "it", null, null))));
                    producer.send(new ProducerRecord<>(Topics.ELECTRICITY, MP, serdes.electricity().serialize(Topics.ELECTRICITY,
                            EmissionsPipelineIT.series(MP, "grid", hour, Resolution.PT1H, now.minusSeconds(60), 10_000L))));
                    producer.flush();
                    awaitDay(config, serdes, key, 10_000, 1_000);
                }
                KlimaflowConfig restarted = config.with(Map.of("state.dir", dataDir.resolve("streams-2").toString()));
                try (PipelineApp second = PipelineApp.start(restarted, stack.schemaRegistry())) {
                    assertThat(second.awaitRunning(Duration.ofSeconds(90))).isTrue();
                    producer.send(new ProducerRecord<>(Topics.ELECTRICITY, MP, serdes.electricity().serialize(Topics.ELECTRICITY,
                            EmissionsPipelineIT.series(MP, "grid", hour, Resolution.PT1H, now, 12_000L)))); // correction
                    producer.send(new ProducerRecord<>(Topics.EMISSION_FACTORS, "ELECTRICITY|DK2|125%|ACTUAL|" + hour,
                            serdes.emissionFactor().serialize(Topics.EMISSION_FACTORS,
                                    new EmissionFactor(Carrier.ELECTRICITY, "DK2", hour, hour.plus(Duration.ofHours(1)), 150.0, "125%", Edition.ACTUAL, "it", null, null))));
                    producer.flush();
                    SectorEmissions day = awaitDay(restarted, serdes, key, 12_000, 1_800);
                    assertThat(day.getMeteringPoints()).isEqualTo(1);
                    assertThat(day.getWorstEdition()).isEqualTo(Edition.ACTUAL);
                }
            }
        }
    }

    private static SectorEmissions awaitDay(KlimaflowConfig config, PipelineSerdes serdes, String key, long wh, long grams) {
        Map<String, List<SectorEmissions>> seen = EmissionsPipelineIT.<SectorEmissions>consumeUntil(config, serdes, Topics.DAILY, m -> {
            List<SectorEmissions> l = m.get(key);
            return l != null && l.get(l.size() - 1).getEnergyWh() == wh && l.get(l.size() - 1).getCo2eGrams() == grams;
        });
        List<SectorEmissions> updates = seen.get(key);
        return updates.get(updates.size() - 1);
    }
}
