package dk.klimaflow.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KlimaflowConfigTest {
    @TempDir
    Path dir;

    @Test
    void shouldLayerFileThenEnvironmentThenDefaults() throws Exception {
        Path file = dir.resolve("k.properties");
        Files.writeString(file, "bootstrap.servers=broker:9092\nklimaflow.parking.max.age=P1D\n");
        KlimaflowConfig c = KlimaflowConfig.load(file, Map.of("KLIMAFLOW_KLIMAFLOW_PARKING_MAX_AGE", "PT2H"), Map.of());
        assertThat(c.get("bootstrap.servers")).isEqualTo("broker:9092");
        assertThat(c.duration(KlimaflowConfig.PARKING_MAX_AGE)).hasHours(2);
        assertThat(c.get(KlimaflowConfig.METHOD_ELECTRICITY)).isEqualTo("125%");
        assertThat(c.streamsProperties()).containsEntry("processing.guarantee", "exactly_once_v2").doesNotContainKey(KlimaflowConfig.PARKING_MAX_AGE);
    }

    @Test
    void shouldPriceBothCarriersWithOneChpMethodByDefaultAndKeepEachConfigurable() {
        KlimaflowConfig defaults = KlimaflowConfig.of(Map.of());
        assertThat(defaults.get(KlimaflowConfig.METHOD_ELECTRICITY)).isEqualTo("125%");
        assertThat(defaults.get(KlimaflowConfig.METHOD_DISTRICT_HEATING)).isEqualTo("125%");
        assertThat(dk.klimaflow.domain.ChpMethods.mixed(dk.klimaflow.report.AnnualReport.methods(defaults))).isNull();

        KlimaflowConfig both200 = KlimaflowConfig.of(Map.of(KlimaflowConfig.METHOD_ELECTRICITY, "200%", KlimaflowConfig.METHOD_DISTRICT_HEATING, "200%"));
        assertThat(dk.klimaflow.domain.ChpMethods.mixed(dk.klimaflow.report.AnnualReport.methods(both200))).isNull();
        KlimaflowConfig mixed = KlimaflowConfig.of(Map.of(KlimaflowConfig.METHOD_DISTRICT_HEATING, "200%"));
        assertThat(dk.klimaflow.domain.ChpMethods.mixed(dk.klimaflow.report.AnnualReport.methods(mixed)))
                .startsWith("mixed CHP methods: electricity 125%, district heating 200%");
    }

    @Test
    void shouldNameTheSettingAndTheFixOnBadValues() {
        assertThatThrownBy(() -> KlimaflowConfig.of(Map.of("klimaflow.parking.max.agee", "P1D")))
                .hasMessageContaining("unknown setting 'klimaflow.parking.max.agee'");
        assertThatThrownBy(() -> KlimaflowConfig.of(Map.of(KlimaflowConfig.CORRECTION_HORIZON, "400 days")))
                .hasMessageContaining(KlimaflowConfig.CORRECTION_HORIZON).hasMessageContaining("P7D");
        assertThatThrownBy(() -> KlimaflowConfig.of(Map.of(KlimaflowConfig.WEB_PORT, "99999"))).hasMessageContaining("1..65535");
        assertThatThrownBy(() -> KlimaflowConfig.load(dir.resolve("missing.properties"), Map.of(), Map.of())).hasMessageContaining("--config");
    }

    @Test
    void shouldRefuseAnUnknownModeAndABackfillHorizonNoLongerThanTheLiveOne() {
        assertThatThrownBy(() -> KlimaflowConfig.of(Map.of(KlimaflowConfig.MODE, "replay"))).hasMessageContaining("live or backfill");
        assertThatThrownBy(() -> KlimaflowConfig.of(Map.of(KlimaflowConfig.MODE, "backfill", KlimaflowConfig.BACKFILL_HORIZON, "P300D")))
                .hasMessageContaining(KlimaflowConfig.BACKFILL_HORIZON).hasMessageContaining("P400D");
        assertThat(KlimaflowConfig.of(Map.of(KlimaflowConfig.CORRECTION_HORIZON, "P4000D")).backfill()).isFalse();
        assertThat(KlimaflowConfig.of(Map.of(KlimaflowConfig.MODE, "backfill")).backfill()).isTrue();
    }

    @Test
    void shouldRefuseLimitsUnderWhichOneMeteringPointCouldOverflowAYearlyAggregate() {
        assertThatThrownBy(() -> KlimaflowConfig.of(Map.of("klimaflow.max.interval.wh", "1000000000")))
                .hasMessageContaining("klimaflow.max.interval.wh").hasMessageContaining("131252448 Wh per interval");
        assertThatThrownBy(() -> KlimaflowConfig.of(Map.of("klimaflow.max.heat.wh.per.hour", "600000000")))
                .hasMessageContaining("klimaflow.max.heat.wh.per.hour").hasMessageContaining("525009792 Wh per hour");
        assertThat(KlimaflowConfig.of(Map.of()).getLong("klimaflow.max.heat.wh.per.hour")).isEqualTo(500_000_000L);
    }
}
