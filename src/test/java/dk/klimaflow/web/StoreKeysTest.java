package dk.klimaflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import dk.klimaflow.avro.Carrier;
import org.junit.jupiter.api.Test;

class StoreKeysTest {

    @Test
    void shouldBuildTheContractKeyWithAThirteenDigitWindowStart() {
        assertThat(StoreKeys.key(Granularity.DAY, "0187", "I.1", Carrier.ELECTRICITY, 1_790_000_000_000L))
                .isEqualTo("DAY|0187|I.1|ELECTRICITY|1790000000000");
        assertThat(StoreKeys.key(Granularity.HOUR, "0187", "II.1", Carrier.DISTRICT_HEATING, 3_600_000L))
                .isEqualTo("HOUR|0187|II.1|DISTRICT_HEATING|0000003600000");
    }

    @Test
    void shouldSortTheSkipMarkerAfterEveryWindowOfASeries() {
        String series = StoreKeys.series(Granularity.DAY, "0187", "I.1", Carrier.ELECTRICITY);
        assertThat(series + StoreKeys.AFTER_SERIES).isGreaterThan(series + "9999999999999");
        assertThat(StoreKeys.prefix(Granularity.DAY, "0187", null) + StoreKeys.AFTER_PREFIX).isGreaterThan(series + StoreKeys.AFTER_SERIES);
    }

    @Test
    void shouldSplitSeriesAndCarrierOutOfAKey() {
        String key = "MONTH|0187|I.2|DISTRICT_HEATING|1790000000000";
        assertThat(StoreKeys.seriesOf(key)).isEqualTo("MONTH|0187|I.2|DISTRICT_HEATING|");
        assertThat(StoreKeys.carrierOf(key)).isEqualTo("DISTRICT_HEATING");
    }
}
