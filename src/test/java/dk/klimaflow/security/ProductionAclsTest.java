package dk.klimaflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import dk.klimaflow.config.Topics;
import java.util.List;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

/** Who may do what in {@link ProductionAcls} (that the pipeline runs with exactly these is AuthorizedWritesIT's job). */
class ProductionAclsTest {
    final List<AclBinding> acls = ProductionAcls.all("klimaflow", "pipeline", "datahub", List.of("utility-a"), "operator", "operator-");

    private List<String> topicsOf(String principal, AclOperation operation) {
        return acls.stream().filter(a -> a.entry().principal().equals("User:" + principal) && a.entry().operation() == operation
                && a.pattern().resourceType() == ResourceType.TOPIC).map(a -> a.pattern().name()).toList();
    }

    @Test
    void shouldLetAUtilityWriteReadingsAndNothingElse() {
        assertThat(topicsOf("utility-a", AclOperation.WRITE)).contains(Topics.ELECTRICITY, Topics.DISTRICT_HEATING_SERIES)
                .doesNotContain(Topics.METERING_POINTS, Topics.EMISSION_FACTORS, Topics.DAILY, Topics.REJECTED);
        assertThat(acls).filteredOn(a -> a.entry().principal().equals("User:utility-a"))
                .extracting(a -> a.entry().operation()).containsOnly(AclOperation.WRITE, AclOperation.DESCRIBE);
    }

    @Test
    void shouldLeaveTheRegisterToTheMasterDataPrincipalAndTheOutputsReadOnlyToOperators() {
        assertThat(acls).filteredOn(a -> a.pattern().name().equals(Topics.METERING_POINTS) && a.entry().operation() == AclOperation.WRITE)
                .extracting(a -> a.entry().principal()).containsExactly("User:datahub");
        assertThat(topicsOf("operator", AclOperation.READ)).containsExactlyInAnyOrder(Topics.REJECTED, Topics.HOURLY, Topics.DAILY,
                Topics.MONTHLY, Topics.YEARLY);
        assertThat(topicsOf("operator", AclOperation.WRITE)).isEmpty();
    }

    @Test
    void shouldGiveThePipelineAllUnderItsApplicationIdPrefixOnly() {
        assertThat(acls).filteredOn(a -> a.entry().operation() == AclOperation.ALL)
                .allMatch(a -> a.entry().principal().equals("User:pipeline") && a.pattern().patternType() == PatternType.PREFIXED
                        && a.pattern().name().equals("klimaflow"))
                .extracting(a -> a.pattern().resourceType())
                .containsExactlyInAnyOrder(ResourceType.TOPIC, ResourceType.GROUP, ResourceType.TRANSACTIONAL_ID);
    }
}
