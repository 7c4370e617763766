package dk.klimaflow.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.klimaflow.avro.ElectricityTimeSeries;
import dk.klimaflow.avro.SectorEmissions;
import dk.klimaflow.config.ConfigException;
import dk.klimaflow.config.Topics;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicSetupTest {

    @Test
    void shouldNameTheGeneratedValueClassOfEveryTopic() {
        assertThat(TopicSetup.valueClass(Topics.ELECTRICITY)).isEqualTo(ElectricityTimeSeries.class);
        assertThat(TopicSetup.valueSchema(Topics.YEARLY)).isEqualTo(SectorEmissions.getClassSchema());
        assertThat(Topics.ALL).allSatisfy(t -> assertThat(TopicSetup.valueSchema(t)).isNotNull());
    }

    @Test
    void shouldRejectAnUnknownTopic() {
        assertThatThrownBy(() -> TopicSetup.valueClass("energy.gas.readings"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'energy.gas.readings' is not a klimaflow topic");
    }

    @Test
    void shouldAcceptCoPartitionedTopicsThatAgree() {
        assertThatCode(() -> TopicSetup.checkCoPartitioned(Map.of(), 6)).doesNotThrowAnyException();
        assertThatCode(() -> TopicSetup.checkCoPartitioned(Map.of(Topics.ELECTRICITY, 6), 6)).doesNotThrowAnyException();
        assertThatCode(() -> TopicSetup.checkCoPartitioned(
                Map.of(Topics.ELECTRICITY, 12, Topics.DISTRICT_HEATING, 12, Topics.DISTRICT_HEATING_SERIES, 12, Topics.METERING_POINTS, 12), 6)).doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseCoPartitionedTopicsThatWouldDisagree() {
        assertThatThrownBy(() -> TopicSetup.checkCoPartitioned(Map.of(Topics.ELECTRICITY, 12), 6))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("klimaflow.topic.partitions=6");
        assertThatThrownBy(() -> TopicSetup.checkCoPartitioned(
                Map.of(Topics.ELECTRICITY, 6, Topics.DISTRICT_HEATING, 6, Topics.METERING_POINTS, 3), 6))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("same number of partitions");
    }
}
