package dk.klimaflow.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ChaosSettingsTest {
    @Test
    void shouldRunTheFaultsInTheirFixedOrderWithTheRegistryOutageLast() {
        ChaosSettings s = new ChaosSettings(Set.of("registry", "pause", "kill"), 1, 1, 100, 1, 10, 0, 1, 1, "256m", 1L, 60, null);

        assertThat(s.faults()).containsExactly("kill", "pause", "registry");
        assertThat(ChaosSettings.defaults().faults()).containsExactlyElementsOf(ChaosSettings.FAULTS).endsWith("registry");
    }

    @Test
    void shouldRunEveryFaultButTheBrokerPauseInTheIntegrationTest() {
        assertThat(ChaosSettings.ci().faults()).containsExactly("kill", "broker", "pause", "wipe", "race", "registry");
    }

    @Test
    void shouldNameTheKnownFaultsWhenOneIsUnknown() {
        assertThatThrownBy(() -> new ChaosSettings(Set.of("freeze"), 1, 1, 100, 1, 10, 0, 1, 1, "256m", 1L, 60, null))
                .hasMessageContaining("unknown fault 'freeze'").hasMessageContaining("kill,broker,pause,broker-pause,wipe,race,registry");
    }
}
