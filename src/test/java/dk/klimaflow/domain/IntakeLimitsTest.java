package dk.klimaflow.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.Edition;
import dk.klimaflow.avro.EmissionFactor;
import dk.klimaflow.avro.ReasonCode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The heat plausibility cap, the factor key rule and the consistency of the limits, as plain rules. */
class IntakeLimitsTest {
    static final long H = LocalCalendar.HOUR_MS;
    final ReadingRules rules = new ReadingRules(400 * 24 * H, 15 * 60_000L, 100_000_000L, 10_000L, 100);

    @Test
    void shouldAcceptExactlyTheGivenNumberOfAsciiDigits() {
        assertThat(ReadingRules.digits("571313100000000001", 18)).isTrue();
        assertThat(ReadingRules.digits("0187", 4)).isTrue();
        assertThat(ReadingRules.digits("57131310000000001", 18)).isFalse();
        assertThat(ReadingRules.digits("5713131000000000011", 18)).isFalse();
        assertThat(ReadingRules.digits("01a7", 4)).isFalse();
        assertThat(ReadingRules.digits("01/7", 4)).isFalse();
        assertThat(ReadingRules.digits("01:7", 4)).isFalse();
        assertThat(ReadingRules.digits("01\u0667" + "7", 4)).as("an Arabic-Indic digit is no GSRN digit").isFalse();
        assertThat(ReadingRules.digits("", 4)).isFalse();
    }

    @Test
    void shouldCapHeatPerHourOverTheSegmentsTime() {
        assertThat(rules.checkHeatSegment(new RegisterSpreader.Reading(0, 0), new RegisterSpreader.Reading(2 * H, 20_000))).isNull();
        assertThat(rules.checkHeatSegment(new RegisterSpreader.Reading(0, 0), new RegisterSpreader.Reading(2 * H, 20_001)))
                .extracting(Rejection::code).isEqualTo(ReasonCode.INVALID_VALUE);
        assertThat(rules.checkHeatSegment(new RegisterSpreader.Reading(0, 0), new RegisterSpreader.Reading(60_000, 167))).isNotNull();
        assertThat(rules.checkHeatSegment(new RegisterSpreader.Reading(0, Long.MAX_VALUE / 2, RegisterSpreader.NO_REGISTER),
                new RegisterSpreader.Reading(H, RegisterSpreader.NO_REGISTER, 9_000))).isNull(); // a replacement carries no energy
        assertThat(rules.checkHeatSegment(new RegisterSpreader.Reading(0, 50_000), new RegisterSpreader.Reading(H, 40_000)).reason())
                .contains("register went down");
        assertThat(rules.checkHeatSegment(new RegisterSpreader.Reading(0, 0), new RegisterSpreader.Reading(H, Long.MAX_VALUE))).isNotNull();
    }

    @Test
    void shouldAcceptOnlyAFactorKeyThatNamesItsValuesSlot() {
        Instant from = Instant.parse("2026-06-09T10:00:00Z");
        EmissionFactor f = new EmissionFactor(Carrier.ELECTRICITY, "DK2", from, from.plusSeconds(3600), 99.0, "125%", Edition.ACTUAL, "t", null, null);
        assertThat(MasterDataRules.checkFactorKey("ELECTRICITY|DK2|125%|ACTUAL|2026-06-09T10:00:00Z", f)).isNull();
        assertThat(MasterDataRules.checkFactorKey("ELECTRICITY|DK2|125%|ACTUAL|2026-06-09T10:00:00.000Z", f)).isNull();
        assertThat(MasterDataRules.checkFactorKey("ELECTRICITY|DK2|125%|ACTUAL|2026-06-09T11:00:00Z", f).reason()).contains("validFrom");
        assertThat(MasterDataRules.checkFactorKey("DISTRICT_HEATING|DK2|125%|ACTUAL|2026-06-09T10:00:00Z", f).reason()).contains("carrier");
        assertThat(MasterDataRules.checkFactorKey("ELECTRICITY|DK2|125%|ACTUAL|2026-06-09T10:00:00Z|x", f)).isNotNull();
        assertThat(MasterDataRules.checkFactorKey("ELECTRICITY|DK2|125%|ACTUAL|2026-06-09T10:00:00Z", null)).isNull();
        assertThat(MasterDataRules.checkFactorKey("ELECTRICITY|DK2|125%|OFFICIAL|2026-06-09T10:00:00Z", null)).isNotNull();
    }

    @Test
    void shouldKeepTheDefaultLimitsConsistentWithALongOfMicrograms() {
        assertThat(EnergyLimits.inconsistency(100_000_000L, 500_000_000L)).isNull();
        assertThat(EnergyLimits.inconsistency(1_000_000_000L, 500_000_000L)).contains("klimaflow.max.interval.wh");
        assertThat(Math.multiplyHigh(4 * 100_000_000L * 8_784, EnergyLimits.maxFactorMilligrams())).isZero();
    }
}
