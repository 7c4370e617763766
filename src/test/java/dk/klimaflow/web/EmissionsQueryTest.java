package dk.klimaflow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.klimaflow.avro.Carrier;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EmissionsQueryTest {

    private static EmissionsQuery parse(String query) {
        return EmissionsQuery.parse(QueryParams.parse(query));
    }

    private static void assertBadRequest(String query, String messagePart) {
        assertThatThrownBy(() -> parse(query)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }

    @Test
    void shouldParseTheExampleQueryWithDatesAsCopenhagenMidnight() {
        EmissionsQuery q = parse("municipality=0187&granularity=day&from=2026-11-01&to=2026-12-01&sector=I.1&carrier=ELECTRICITY");
        assertThat(q.municipality()).isEqualTo("0187");
        assertThat(q.granularity()).isEqualTo(Granularity.DAY);
        assertThat(q.from()).isEqualTo(Instant.parse("2026-10-31T23:00:00Z"));
        assertThat(q.to()).isEqualTo(Instant.parse("2026-11-30T23:00:00Z"));
        assertThat(q.sector()).isEqualTo("I.1");
        assertThat(q.carrier()).isEqualTo(Carrier.ELECTRICITY);
    }

    @Test
    void shouldLeaveSectorAndCarrierOpenWhenAbsent() {
        EmissionsQuery q = parse("municipality=0187&granularity=HOUR&from=2026-11-01T10:00&to=2026-11-01T12:00:00Z");
        assertThat(q.sector()).isNull();
        assertThat(q.carrier()).isNull();
        assertThat(q.from()).isEqualTo(Instant.parse("2026-11-01T09:00:00Z"));
        assertThat(q.to()).isEqualTo(Instant.parse("2026-11-01T12:00:00Z"));
    }

    @Test
    void shouldMoveFromBackToTheStartOfItsWindow() {
        EmissionsQuery q = parse("municipality=0187&granularity=month&from=2026-11-15T13:00&to=2027-01-01");
        assertThat(q.from()).isEqualTo(Instant.parse("2026-10-31T23:00:00Z"));
    }

    @Test
    void shouldAcceptLowerCaseAndHyphenatedCarriers() {
        assertThat(parse("municipality=0187&granularity=day&from=2026-11-01&to=2026-11-02&carrier=district-heating").carrier())
                .isEqualTo(Carrier.DISTRICT_HEATING);
        assertThat(parse("municipality=0187&granularity=day&from=2026-11-01&to=2026-11-02&carrier=electricity").carrier())
                .isEqualTo(Carrier.ELECTRICITY);
    }

    @Test
    void shouldRejectAMissingMunicipalityWithAnExample() {
        assertBadRequest("granularity=day&from=2026-11-01&to=2026-12-01", "parameter 'municipality' is required, e.g. municipality=0187");
    }

    @Test
    void shouldRejectAnUnknownGranularity() {
        assertBadRequest("municipality=0187&granularity=week&from=2026-11-01&to=2026-12-01", "'week' is not one of hour, day, month, year");
    }

    @Test
    void shouldRejectAMunicipalityThatIsNotFourDigits() {
        assertBadRequest("municipality=187&granularity=day&from=2026-11-01&to=2026-12-01", "4-digit");
    }

    @Test
    void shouldRejectAnUnparsableTime() {
        assertBadRequest("municipality=0187&granularity=day&from=yesterday&to=2026-12-01", "parameter 'from' = 'yesterday' is not a time");
    }

    @Test
    void shouldRejectAnEmptyOrReversedRange() {
        assertBadRequest("municipality=0187&granularity=day&from=2026-12-01&to=2026-11-01", "must be after 'from'");
        assertBadRequest("municipality=0187&granularity=hour&from=2026-11-01T10:00&to=2026-11-01T10:00", "must be after 'from'");
    }

    @Test
    void shouldRejectAnHourlyRangeLongerThanAYear() {
        assertBadRequest("municipality=0187&granularity=hour&from=2025-01-01&to=2026-06-01", "too long for granularity hour");
    }

    @Test
    void shouldRejectABadSectorAndCarrier() {
        assertBadRequest("municipality=0187&granularity=day&from=2026-11-01&to=2026-12-01&sector=housing", "not a GPC sub-sector");
        assertBadRequest("municipality=0187&granularity=day&from=2026-11-01&to=2026-12-01&carrier=gas", "not one of electricity, district-heating");
    }

    @Test
    void shouldRejectUnknownAndRepeatedParameters() {
        assertBadRequest("muncipality=0187&granularity=day&from=2026-11-01&to=2026-12-01", "unknown parameter 'muncipality'");
        assertBadRequest("municipality=0187&municipality=0101&granularity=day&from=2026-11-01&to=2026-12-01", "given twice");
    }

    @Test
    void shouldRejectTimesBefore1970() {
        assertBadRequest("municipality=0187&granularity=year&from=1960-01-01&to=2026-01-01", "outside 1970");
    }

    @Test
    void shouldRoundTripThroughItsQueryString() {
        EmissionsQuery q = parse("municipality=0187&granularity=day&from=2026-11-01&to=2026-12-01&sector=I.2&carrier=district-heating");
        assertThat(parse(q.toQueryString())).isEqualTo(q);
    }
}
