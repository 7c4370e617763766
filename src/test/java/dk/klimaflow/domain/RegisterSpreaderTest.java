package dk.klimaflow.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dk.klimaflow.avro.ReasonCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Heat register rules: meter replacements as explicit events, and a register that goes down is never a guessed reset. */
class RegisterSpreaderTest {
    static final long H = LocalCalendar.HOUR_MS;

    private static RegisterSpreader.Reading reading(long at, long wh) {
        return new RegisterSpreader.Reading(at, wh);
    }

    @Test
    void shouldStartANewSeriesAtAReplacementWithinOneInstant() {
        // old meter 5,000 kWh -> final 5,002 kWh at 1 h; the new meter starts at 3 kWh at the same instant, reads 10 kWh at 2 h
        var replacement = new RegisterSpreader.Reading(H, 5_002_000, 3_000);
        var readings = List.of(reading(0, 5_000_000), replacement, reading(2 * H, 10_000));
        assertThat(RegisterSpreader.hourly(readings, 0, 2 * H)).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(0L, 2_000L, H, 7_000L));
        assertThat(RegisterSpreader.missingHours(readings, 0, 2 * H)).isEmpty();
    }

    @Test
    void shouldCarryNoEnergyBetweenTheOldMetersFinalAndTheNewMetersStartReading() {
        var removed = new RegisterSpreader.Reading(H, 5_002_000, RegisterSpreader.NO_REGISTER);
        var installed = new RegisterSpreader.Reading(3 * H + H / 2, RegisterSpreader.NO_REGISTER, 3_000);
        var readings = List.of(reading(0, 5_000_000), removed, installed, reading(4 * H, 4_000));
        var hours = RegisterSpreader.hourly(readings, 0, 4 * H);
        assertThat(hours.get(0L)).isEqualTo(2_000L);
        assertThat(hours.get(3 * H)).isEqualTo(1_000L); // only the new meter's half hour
        assertThat(hours.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(3_000L);
        assertThat(RegisterSpreader.missingHours(readings, 0, 4 * H)).containsExactlyInAnyOrder(H, 2 * H);
        assertThat(RegisterSpreader.spreadHours(readings, 0, 4 * H)).contains(3 * H); // half unmetered: not measured
    }

    @Test
    void shouldNotCountALowerRegisterWithoutAnInstallationAsAReset() {
        var readings = List.of(reading(0, 5_000_000), reading(H, 5_002_000), reading(2 * H, 3_000));
        var hours = RegisterSpreader.hourly(readings, 0, 2 * H);
        assertThat(hours.get(0L)).isEqualTo(2_000L);
        assertThat(hours.getOrDefault(H, 0L)).isZero(); // never the new register value as energy
        assertThat(RegisterSpreader.missingHours(readings, 0, 2 * H)).containsExactly(H);
    }

    @Test
    void shouldRejectALowerRegisterWithoutAnInstallationEventWithAClearReason() {
        ReadingRules rules = new ReadingRules(400 * 24 * H, 15 * 60_000L, 100_000_000L, 10_000L, 100);
        Rejection r = rules.checkHeatSegment(reading(0, 50_000), reading(H, 40_000));
        assertThat(r.code()).isEqualTo(ReasonCode.INVALID_VALUE);
        assertThat(r.reason()).contains("went down").contains("METER_INSTALLED");
        assertThat(rules.checkHeatSegment(new RegisterSpreader.Reading(0, 50_000, RegisterSpreader.NO_REGISTER), reading(H, 40_000)))
                .as("after the old meter's final reading").isNull();
        assertThat(rules.checkHeatSegment(reading(0, 50_000), new RegisterSpreader.Reading(H, RegisterSpreader.NO_REGISTER, 40_000)))
                .as("up to the new meter's start reading").isNull();
    }
}
