package dk.klimaflow.pipeline;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.Edition;
import dk.klimaflow.avro.ElectricityTimeSeries;
import dk.klimaflow.avro.MeteringPoint;
import dk.klimaflow.avro.Point;
import dk.klimaflow.avro.Quality;
import dk.klimaflow.avro.Resolution;
import dk.klimaflow.config.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Scratch: CPU cost of the topology logic alone (TopologyTestDriver, no broker). Not a test. */
public final class TopologyCostProbe {
    public static void main(String[] args) {
        int points = Integer.parseInt(args.length > 0 ? args[0] : "5000");
        int days = Integer.parseInt(args.length > 1 ? args[1] : "4");
        Instant now = Instant.parse("2026-06-10T12:00:00Z");
        Instant day0 = Instant.parse("2026-06-01T22:00:00Z");
        try (PipelineHarness h = new PipelineHarness(now)) {
            for (int hr = 0; hr < days * 24; hr++) {
                h.send(PipelineHarness.factor(Carrier.ELECTRICITY, "DK2", day0.plus(Duration.ofHours(hr)), Duration.ofHours(1), 100 + hr % 50, "125%", Edition.ACTUAL));
            }
            for (int i = 0; i < points; i++) {
                h.send(PipelineHarness.electricityPoint("57131313100000" + String.format("%04d", i), "I." + (1 + i % 3), i % 10 == 0));
            }
            List<byte[]> encoded = new ArrayList<>();
            for (int d = 0; d < days; d++) {
                for (int i = 0; i < points; i++) {
                    List<Point> pts = new ArrayList<>(96);
                    for (int q = 0; q < 96; q++) {
                        pts.add(new Point((long) (100 + (i + q) % 300), Quality.MEASURED));
                    }
                    var ts = new ElectricityTimeSeries("57131313100000" + String.format("%04d", i), PipelineHarness.OWNER,
                            day0.plus(Duration.ofDays(d)), Resolution.PT15M, pts, now.minusSeconds(60));
                    encoded.add(h.serdes.electricity().serialize(Topics.ELECTRICITY, ts));
                }
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < encoded.size(); i++) {
                h.pipeBytes(Topics.ELECTRICITY, "57131313100000" + String.format("%04d", i % points), encoded.get(i));
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%d series, %d readings in %.1f s: %.0f readings/s%n", encoded.size(), encoded.size() * 96L, s, encoded.size() * 96 / s);
        }
    }
}
