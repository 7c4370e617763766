package dk.klimaflow.pipeline;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.Edition;
import dk.klimaflow.avro.ElectricityTimeSeries;
import dk.klimaflow.avro.EmissionFactor;
import dk.klimaflow.avro.MeteringPoint;
import dk.klimaflow.avro.Point;
import dk.klimaflow.avro.Quality;
import dk.klimaflow.avro.Resolution;
import dk.klimaflow.avro.SectorEmissions;
import dk.klimaflow.config.KlimaflowConfig;
import dk.klimaflow.config.Topics;
import dk.klimaflow.embedded.EmbeddedStack;
import dk.klimaflow.simulate.KafkaFeedSink;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/** Scratch: preload day-long series into the embedded stack, start the pipeline, time until all are in the daily aggregates. Not a test. */
public final class BrokerCostProbe {
    public static void main(String[] args) throws Exception {
        int points = Integer.parseInt(args[0]);
        int days = Integer.parseInt(args[1]);
        Map<String, String> extra = new HashMap<>();
        for (int i = 2; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            extra.put(kv[0], kv[1]);
        }
        Instant now = Instant.now();
        Instant day0 = java.time.LocalDate.now(dk.klimaflow.domain.LocalCalendar.ZONE).minusDays(days + 1).atStartOfDay(dk.klimaflow.domain.LocalCalendar.ZONE).toInstant();
        try (EmbeddedStack stack = EmbeddedStack.startAndSetUp(Files.createTempDirectory("probe"), 39092, 38081, true)) {
            KlimaflowConfig config = stack.config().with(Map.of("application.id", "probe", KlimaflowConfig.WEB_PORT, "38080")).with(extra);
            KafkaFeedSink sink = new KafkaFeedSink(config.clientProperties(), stack.schemaRegistry(), true);
            for (int hr = 0; hr < days * 24 + 2; hr++) {
                EmissionFactor f = new EmissionFactor(Carrier.ELECTRICITY, "DK2", day0.plus(Duration.ofHours(hr)), day0.plus(Duration.ofHours(hr + 1)),
                        100.0 + hr % 50, "125%", Edition.ACTUAL, "probe");
                sink.send(Topics.EMISSION_FACTORS, PipelineHarness.factorKey(f), f);
            }
            for (int i = 0; i < points; i++) {
                MeteringPoint mp = PipelineHarness.electricityPoint(id(i), "I." + (1 + i % 3), i % 10 == 0);
                sink.send(Topics.METERING_POINTS, mp.getId(), mp);
            }
            long expectedWh = 0;
            long t0 = System.nanoTime();
            for (int d = 0; d < days; d++) {
                for (int i = 0; i < points; i++) {
                    List<Point> pts = new ArrayList<>(96);
                    for (int q = 0; q < 96; q++) {
                        long wh = 100 + (i + q) % 300;
                        expectedWh += wh;
                        pts.add(new Point(wh, Quality.MEASURED));
                    }
                    sink.send(Topics.ELECTRICITY, id(i), new ElectricityTimeSeries(id(i), PipelineHarness.OWNER, day0.plus(Duration.ofDays(d)),
                            Resolution.PT15M, pts, now));
                }
            }
            sink.flush();
            long readings = (long) points * days * 96;
            System.out.printf("PRELOAD %d readings in %.1f s%n", readings, (System.nanoTime() - t0) / 1e9);
            long start = System.nanoTime();
            PipelineApp app = PipelineApp.start(config, stack.schemaRegistry());
            long first = 0;
            while (true) {
                long sum = 0;
                try {
                    var store = app.streams().store(StoreQueryParameters.fromNameAndType(StoreNames.SECTOR_EMISSIONS,
                            QueryableStoreTypes.<String, SectorEmissions>keyValueStore()));
                    try (var it = store.all()) {
                        while (it.hasNext()) {
                            var kv = it.next();
                            if (kv.key.startsWith("YEAR|")) {
                                sum += kv.value.getEnergyWh();
                            }
                        }
                    }
                } catch (Exception e) {
                    // not ready yet
                }
                double s = (System.nanoTime() - start) / 1e9;
                if (sum > 0 && first == 0) {
                    first = System.nanoTime() - start;
                    System.out.printf("FIRST aggregate after %.1f s%n", s);
                }
                if (sum == expectedWh) {
                    System.out.printf("DONE %d readings in %.1f s: %.0f readings/s%n", readings, s, readings / s);
                    break;
                }
                if (s > 600) {
                    System.out.printf("TIMEOUT sum %d expected %d%n", sum, expectedWh);
                    break;
                }
                Thread.sleep(250);
            }
            app.close();
            sink.close();
        }
        System.exit(0);
    }

    private static String id(int i) {
        return String.format("571313131%09d", i);
    }
}
