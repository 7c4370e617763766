package dk.klimaflow.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.Edition;
import dk.klimaflow.avro.EmissionFactor;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FactorTableTest {
    static final Instant H = Instant.parse("2026-06-09T10:00:00Z");
    final FactorTable table = new FactorTable(Map.of(Carrier.ELECTRICITY, "125%", Carrier.DISTRICT_HEATING, "200%"));

    static EmissionFactor f(String area, Instant from, Duration span, double g, String method, Edition e) {
        return new EmissionFactor(Carrier.ELECTRICITY, area, from, from.plus(span), g, method, e, "t", null, null);
    }

    @Test
    void shouldPreferTheMostAuthoritativeEdition() {
        table.put(f("DK2", H, Duration.ofHours(1), 100, "125%", Edition.FORECAST));
        table.put(f("DK2", H, Duration.ofHours(1), 90, "125%", Edition.ACTUAL));
        assertThat(table.resolve(Carrier.ELECTRICITY, "DK2", H.toEpochMilli())).isEqualTo(new FactorTable.Applied(90_000, Edition.ACTUAL));
        table.put(f("DK2", H.minus(Duration.ofDays(9)), Duration.ofDays(30), 80, "125%", Edition.DECLARATION));
        assertThat(table.resolve(Carrier.ELECTRICITY, "DK2", H.toEpochMilli()).edition()).isEqualTo(Edition.DECLARATION);
    }

    @Test
    void shouldFindALongFactorBehindManyShortOnes() {
        table.put(f("DK2", H.minus(Duration.ofDays(100)), Duration.ofDays(365), 50, "125%", Edition.ACTUAL));
        for (int i = 0; i < 500; i++) {
            table.put(f("DK2", H.minus(Duration.ofDays(60)).plus(Duration.ofHours(i)), Duration.ofHours(1), 70, "125%", Edition.ACTUAL));
        }
        assertThat(table.resolve(Carrier.ELECTRICITY, "DK2", H.toEpochMilli()).milligramsPerKWh()).isEqualTo(50_000);
    }

    @Test
    void shouldIgnoreOtherMethodsAndOtherAreasAndGaps() {
        table.put(f("DK2", H, Duration.ofHours(1), 100, "200%", Edition.ACTUAL));
        table.put(f("DK1", H, Duration.ofHours(1), 100, "125%", Edition.ACTUAL));
        assertThat(table.resolve(Carrier.ELECTRICITY, "DK2", H.toEpochMilli())).isNull();
        assertThat(table.resolve(Carrier.ELECTRICITY, "DK1", H.plus(Duration.ofHours(1)).toEpochMilli())).isNull();
    }

    @Test
    void shouldForgetARemovedFactor() {
        EmissionFactor x = f("DK2", H, Duration.ofHours(1), 100, "125%", Edition.ACTUAL);
        table.put(x);
        table.remove(x);
        assertThat(table.resolve(Carrier.ELECTRICITY, "DK2", H.toEpochMilli())).isNull();
    }

    @Test
    void shouldKeepTheFactorInUseWhenAFactorOfAnotherMethodIsRemoved() {
        EmissionFactor used = f("DK2", H, Duration.ofDays(30), 154, "125%", Edition.DECLARATION);
        EmissionFactor other = f("DK2", H, Duration.ofDays(30), 185, "200%", Edition.DECLARATION);
        table.put(used);
        table.put(other);
        table.remove(other);
        assertThat(table.resolve(Carrier.ELECTRICITY, "DK2", H.toEpochMilli())).isEqualTo(new FactorTable.Applied(154_000, Edition.DECLARATION));
    }
}
