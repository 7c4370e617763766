package dk.klimaflow.simulate;

import dk.klimaflow.avro.DistrictHeatingReading;
import dk.klimaflow.avro.DistrictHeatingSeries;
import dk.klimaflow.avro.HeatReadingEvent;
import dk.klimaflow.avro.ElectricityTimeSeries;
import dk.klimaflow.config.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import dk.klimaflow.simulate.SimulationStats.Event;

/**
 * Delivers each produced series or heat reading the way a real utility might: mostly once and on time, but at the configured
 * rates estimated, late, with MISSING points filled later, duplicated, corrected later (a new version with a later sentAt),
 * or followed by a bad record (not wire format, unknown schema id, wrong grid company, negative quantity). A correction or
 * fill is always sent after the version it replaces. Heat readings go alone to energy.district-heating.readings, or, for
 * several hours at once ({@link #deliverSeries}), as a meter's DistrictHeatingSeries to energy.district-heating.series (key
 * meter id). Every choice comes from one seeded random, in a fixed order.
 */
final class Anomalies {
    private static final Duration BAD_COPY_DELAY = Duration.ofMinutes(1);

    private final SimulationConfig config;
    private final SplittableRandom random;
    private final Outbox out;
    private final SimulationStats stats;

    Anomalies(SimulationConfig config, SplittableRandom random, Outbox out, SimulationStats stats) {
        this.config = config;
        this.random = random;
        this.out = out;
        this.stats = stats;
    }

    boolean roll(double rate) {
        return rate > 0 && random.nextDouble() < rate;
    }

    void deliver(ElectricityTimeSeries produced, Instant now) {
        ElectricityTimeSeries series = produced;
        if (roll(config.estimatedRate())) {
            series = ElectricityFeed.estimated(series);
            stats.event(Event.ESTIMATED);
        }
        Instant sentAt = now;
        if (roll(config.lateRate())) {
            sentAt = now.plus(Duration.ofHours(2 + random.nextInt(config.lateHoursMax() - 1)));
            ElectricityTimeSeries late = ElectricityFeed.resent(series, sentAt);
            stats.event(Event.LATE);
            out.later(sentAt, () -> emit(late, late.getSentAt()));
        } else if (roll(config.missingRate())) {
            emit(ElectricityFeed.withMissing(series, random), now);
            stats.event(Event.MISSING);
            sentAt = now.plus(Duration.ofHours(config.missingFillHours()));
            ElectricityTimeSeries filled = ElectricityFeed.resent(series, sentAt);
            out.later(sentAt, () -> {
                send(filled);
                stats.event(Event.MISSING_FILLED);
            });
        } else {
            emit(series, now);
        }
        if (roll(config.correctionRate())) {
            Instant due = sentAt.plus(Duration.ofHours(1 + random.nextInt(config.correctionHoursMax())));
            ElectricityTimeSeries correction = ElectricityFeed.corrected(series, random, due);
            out.later(due, () -> {
                send(correction);
                stats.event(Event.CORRECTION);
            });
        }
        if (roll(config.badRecordRate(BadRecordKind.WRONG_UTILITY))) {
            bad(BadRecordKind.WRONG_UTILITY, ElectricityFeed.wrongUtility(series, sentAt.plus(BAD_COPY_DELAY)));
        }
        if (roll(config.badRecordRate(BadRecordKind.NEGATIVE_QUANTITY))) {
            bad(BadRecordKind.NEGATIVE_QUANTITY, ElectricityFeed.negative(series, sentAt.plus(BAD_COPY_DELAY)));
        }
        if (roll(config.badRecordRate(BadRecordKind.NOT_WIRE_FORMAT))) {
            String json = "{\"meteringPointId\":\"" + series.getMeteringPointId() + "\",\"quantity\":\"12,5\"}";
            raw(BadRecordKind.NOT_WIRE_FORMAT, series.getMeteringPointId(), json.getBytes(StandardCharsets.UTF_8));
        }
        if (roll(config.badRecordRate(BadRecordKind.UNKNOWN_SCHEMA_ID))) {
            byte[] bytes = ByteBuffer.allocate(9).put((byte) 0).putInt(0x7FFF0000 + random.nextInt(0xFFFF)).putInt(random.nextInt()).array();
            raw(BadRecordKind.UNKNOWN_SCHEMA_ID, series.getMeteringPointId(), bytes);
        }
    }

    void deliver(DistrictHeatingReading reading, Instant now) {
        if (reading.getEvent() != HeatReadingEvent.READING) {
            emit(reading); // a meter replacement is sent on time: the new meter's readings are only valid after it
        } else if (!heldBackLate(reading, now)) {
            emit(reading);
        }
    }

    /**
     * Delivers one heat meter's readings of several hours (readAt ascending) as its system's bulk export: the ordinary
     * readings in one series on energy.district-heating.series, split by a meter replacement, whose events go alone and on
     * time between the part before and the part after; a reading held back late goes alone later, as in {@link
     * #deliver(DistrictHeatingReading, Instant)}; a duplicate repeats a whole series.
     */
    void deliverSeries(List<DistrictHeatingReading> meterReadings, Instant now) {
        List<DistrictHeatingReading> part = new ArrayList<>(meterReadings.size());
        for (DistrictHeatingReading r : meterReadings) {
            if (r.getEvent() != HeatReadingEvent.READING) {
                emitSeries(part);
                part = new ArrayList<>();
                emit(r);
            } else if (!heldBackLate(r, now)) {
                part.add(r);
            }
        }
        emitSeries(part);
    }

    /** Whether {@code reading} is late (then it is sent alone, 2..lateHoursMax h after {@code now}, with that sentAt). */
    private boolean heldBackLate(DistrictHeatingReading reading, Instant now) {
        if (!roll(config.lateRate())) {
            return false;
        }
        Instant sentAt = now.plus(Duration.ofHours(2 + random.nextInt(config.lateHoursMax() - 1)));
        DistrictHeatingReading late = new DistrictHeatingReading(reading.getMeterId(), reading.getUtilityId(), reading.getReadAt(),
                reading.getEnergyRegister(), reading.getUnit(), reading.getVolumeM3(), reading.getFlowTempC(), reading.getReturnTempC(), sentAt, reading.getEvent());
        stats.event(Event.LATE);
        out.later(sentAt, () -> emit(late));
        return true;
    }

    private void emit(ElectricityTimeSeries series, Instant now) {
        send(series);
        if (roll(config.duplicateRate())) {
            Runnable duplicate = () -> {
                send(series);
                stats.event(Event.DUPLICATE);
            };
            if (random.nextBoolean()) {
                duplicate.run();
            } else {
                out.later(now.plus(Duration.ofHours(1 + random.nextInt(3))), duplicate);
            }
        }
    }

    private void emit(DistrictHeatingReading reading) {
        out.send(Topics.DISTRICT_HEATING, reading.getMeterId(), reading);
        if (roll(config.duplicateRate())) {
            out.send(Topics.DISTRICT_HEATING, reading.getMeterId(), reading);
            stats.event(Event.DUPLICATE);
        }
    }

    private void emitSeries(List<DistrictHeatingReading> readings) {
        if (readings.isEmpty()) {
            return;
        }
        DistrictHeatingSeries series = HeatFeed.series(readings);
        out.send(Topics.DISTRICT_HEATING_SERIES, series.getMeterId(), series);
        if (roll(config.duplicateRate())) {
            out.send(Topics.DISTRICT_HEATING_SERIES, series.getMeterId(), series);
            stats.event(Event.DUPLICATE);
        }
    }

    private void send(ElectricityTimeSeries series) {
        out.send(Topics.ELECTRICITY, series.getMeteringPointId(), series);
    }

    private void bad(BadRecordKind kind, ElectricityTimeSeries series) {
        send(series);
        stats.bad(kind);
    }

    private void raw(BadRecordKind kind, String key, byte[] value) {
        String topic = random.nextInt(3) == 0 ? Topics.DISTRICT_HEATING : Topics.ELECTRICITY;
        out.sendRaw(topic, key.getBytes(StandardCharsets.UTF_8), value);
        stats.bad(kind);
    }
}
