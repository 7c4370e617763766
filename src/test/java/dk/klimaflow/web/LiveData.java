package dk.klimaflow.web;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.ElectricityTimeSeries;
import dk.klimaflow.avro.MeteringPoint;
import dk.klimaflow.avro.Point;
import dk.klimaflow.avro.Quality;
import dk.klimaflow.avro.Resolution;
import dk.klimaflow.config.Topics;
import dk.klimaflow.simulate.BadRecordKind;
import dk.klimaflow.simulate.KafkaFeedSink;
import dk.klimaflow.simulate.SimulationConfig;
import dk.klimaflow.simulate.UtilityFeedSimulator;
import dk.klimaflow.simulate.VallensbaekRegister;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Data for the integration tests: the simulator's Vallensbaek utilities (a small share of the register, with duplicates,
 * corrections, missing points and bad records of every kind) backfilled over the last hours, and single hand-made readings
 * sent on top to see one change arrive.
 */
final class LiveData implements AutoCloseable {
    final VallensbaekRegister register;
    final KafkaFeedSink sink;
    final UtilityFeedSimulator simulator;

    LiveData(KafkaFeedSink sink, double scale, double badRecordRate) {
        this.register = VallensbaekRegister.generate(187, scale);
        this.sink = sink;
        SimulationConfig.Builder config = SimulationConfig.builder().capAtWallClock(true);
        for (BadRecordKind kind : BadRecordKind.values()) {
            config.badRecordRate(kind, badRecordRate);
        }
        this.simulator = new UtilityFeedSimulator(sink, register, config.build());
    }

    /** Sends every hour of the last {@code hours} complete hours. */
    void backfill(int hours) {
        Instant now = Instant.now();
        simulator.backfill(now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(hours)), now);
        simulator.flushPending();
        sink.flush();
    }

    /** A new version of the last complete hour for an electricity point of {@code sector}: 4 quarter-hours of {@code whEach}. */
    MeteringPoint correct(String sector, long whEach) {
        MeteringPoint p = register.electricity().stream().filter(m -> m.getGpcSector().equals(sector)).findFirst()
                .orElseThrow(() -> new AssertionError("no electricity point of sector " + sector + " in the register"));
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            points.add(new Point(whEach, Quality.MEASURED));
        }
        sink.send(Topics.ELECTRICITY, p.getId(), ElectricityTimeSeries.newBuilder().setMeteringPointId(p.getId())
                .setUtilityId(p.getUtilityId()).setPeriodStart(hour).setResolution(Resolution.PT15M).setPoints(points)
                .setSentAt(Instant.now()).build());
        sink.flush();
        return p;
    }

    static boolean electricity(MeteringPoint p) {
        return p.getCarrier() == Carrier.ELECTRICITY;
    }

    @Override
    public void close() {
        sink.close();
    }
}
