package dk.klimaflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.Edition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON the API sends: window fields, totals, counters; and that a window survives the trip between instances. */
class JsonShapeTest {
    private static final Instant NOV1 = Instant.parse("2026-10-31T23:00:00Z");

    private static EmissionWindow w(String sector, Carrier carrier, long wh, long grams, Edition edition, long revision) {
        return EmissionWindow.of(Granularity.DAY, TestWindows.window(Granularity.DAY, "0187", sector, carrier, NOV1, wh, grams, edition, revision));
    }

    @Test
    void shouldShowAWindowWithCopenhagenTimesAndEveryCompletenessField() throws Exception {
        JsonNode json = Http.JSON.readTree(Http.JSON.writeValueAsString(w("I.1", Carrier.ELECTRICITY, 1000, 120, Edition.FORECAST, 2)));
        assertThat(json.get("windowStart").asText()).isEqualTo("2026-11-01T00:00:00+01:00");
        assertThat(json.get("windowEnd").asText()).isEqualTo("2026-11-02T00:00:00+01:00");
        assertThat(json.get("granularity").asText()).isEqualTo("day");
        assertThat(json.get("carrier").asText()).isEqualTo("ELECTRICITY");
        assertThat(json.get("measuredWh").asLong()).isEqualTo(900);
        assertThat(json.get("estimatedWh").asLong()).isEqualTo(100);
        assertThat(json.get("pendingFactorWh").asLong()).isZero();
        assertThat(json.get("missingIntervals").asLong()).isEqualTo(2);
        assertThat(json.get("worstEdition").asText()).isEqualTo("FORECAST");
        assertThat(json.get("revision").asLong()).isEqualTo(2);
        assertThat(json.get("updatedAt").asText()).isEqualTo("2026-11-02T09:15:00+01:00");
        assertThat(json.has("municipalOperationCo2eGrams")).isTrue();
    }

    @Test
    void shouldShowNoEditionAsNullAndReadWindowsBackUnchanged() throws Exception {
        EmissionWindow pending = w("I.2", Carrier.DISTRICT_HEATING, 500, 0, null, 1);
        String text = Http.JSON.writeValueAsString(List.of(pending));
        assertThat(Http.JSON.readTree(text).get(0).get("worstEdition").isNull()).isTrue();
        EmissionWindow back = Http.JSON.readValue(text, EmissionWindow[].class)[0];
        assertThat(back).isEqualTo(pending);
        assertThat(back.key()).isEqualTo("DAY|0187|I.2|DISTRICT_HEATING|" + String.format("%013d", NOV1.toEpochMilli()));
    }

    @Test
    void shouldSumTotalsPerSectorAndCarrierWithTheLeastAuthoritativeEdition() throws Exception {
        EmissionsQuery q = EmissionsQuery.parse(QueryParams.parse("municipality=0187&granularity=day&from=2026-11-01&to=2026-12-01"));
        Totals.Answer a = Totals.of(q, List.of(
                w("I.1", Carrier.ELECTRICITY, 1000, 100, Edition.DECLARATION, 1),
                w("I.1", Carrier.ELECTRICITY, 2000, 200, Edition.FORECAST, 4),
                w("I.1", Carrier.DISTRICT_HEATING, 4000, 400, Edition.ACTUAL, 1),
                w("I.2", Carrier.ELECTRICITY, 8000, 0, null, 2)));
        assertThat(a.sectors()).extracting(Totals.Row::gpcSector, Totals.Row::carrier)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("I.1", "DISTRICT_HEATING"), org.assertj.core.groups.Tuple.tuple("I.1", "ELECTRICITY"),
                        org.assertj.core.groups.Tuple.tuple("I.2", "ELECTRICITY"));
        Totals.Row elec = a.sectors().get(1);
        assertThat(elec.energyWh()).isEqualTo(3000);
        assertThat(elec.co2eGrams()).isEqualTo(300);
        assertThat(elec.windows()).isEqualTo(2);
        assertThat(elec.worstEdition()).isEqualTo("FORECAST");
        assertThat(elec.maxRevision()).isEqualTo(4);
        assertThat(a.total().energyWh()).isEqualTo(15000);
        assertThat(a.total().pendingFactorWh()).isEqualTo(8000);
        assertThat(a.total().worstEdition()).isEqualTo("NONE");
        JsonNode json = Http.JSON.readTree(Http.JSON.writeValueAsString(a));
        assertThat(json.get("total").get("editions").toString()).isEqualTo("{\"NONE\":1,\"FORECAST\":1,\"ACTUAL\":1,\"DECLARATION\":1}");
        assertThat(json.get("from").asText()).isEqualTo("2026-11-01T00:00:00+01:00");
    }

    @Test
    void shouldSumCountersOverInstancesWithEveryReasonAndCheckTheInvariant() throws Exception {
        Counters c = Counters.sum(List.of(
                new Counters.Local(Map.of("in", 10L, "accepted", 6L, "parked", 1L, "rejected.MALFORMED", 3L), 5),
                new Counters.Local(Map.of("in", 4L, "accepted", 3L, "rejected.TOO_OLD", 1L, "restatements", 2L), 7)));
        assertThat(c.in()).isEqualTo(14);
        assertThat(c.accepted()).isEqualTo(9);
        assertThat(c.parked()).isEqualTo(1);
        assertThat(c.rejectedTotal()).isEqualTo(4);
        assertThat(c.balanced()).isTrue();
        assertThat(c.consumerLag()).isEqualTo(12);
        assertThat(c.instances()).isEqualTo(2);
        assertThat(c.rejected()).containsOnlyKeys("MALFORMED", "INVALID_VALUE", "UNKNOWN_METERING_POINT", "NOT_OWNER", "TOO_OLD",
                "PARKING_FULL", "PROCESSING_ERROR", "WITHIN_LIVE_HORIZON")
                .containsEntry("NOT_OWNER", 0L);
        assertThat(Counters.sum(List.of(new Counters.Local(Map.of("in", 2L, "accepted", 1L), 0))).balanced()).isFalse();
        assertThat(Http.JSON.readTree(Http.JSON.writeValueAsString(c)).get("rejected").get("TOO_OLD").asLong()).isEqualTo(1);
    }
}
