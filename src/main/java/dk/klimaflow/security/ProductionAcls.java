package dk.klimaflow.security;

import dk.klimaflow.config.Topics;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The least-privilege ACLs of a klimaflow deployment on a cluster that authorizes every client: input, names of the
 * principals (the pipeline, the master-data publisher, each utility, the operators) and the pipeline's
 * {@code application.id}; output, the {@link AclBinding}s to create (Admin {@code createAcls}, or the same with
 * {@code kafka-acls}). The pipeline reads the inputs, writes the outputs and owns everything prefixed by its application id
 * (Kafka Streams' changelog and repartition topics, klimaflow's factor broadcast and aggregate deltas, its consumer group and
 * transactional ids); the master-data principal alone writes the register and the factors; a utility writes readings only;
 * operators read the aggregates and the dead letters with consumer groups under their own prefix. The backfill topics get
 * the same rights as their live counterparts (the backfill pass runs under an application id of its own, also prefixed).
 */
public final class ProductionAcls {
    private static final List<String> READINGS = List.of(Topics.ELECTRICITY, Topics.DISTRICT_HEATING, Topics.DISTRICT_HEATING_SERIES,
            Topics.BACKFILL_ELECTRICITY, Topics.BACKFILL_DISTRICT_HEATING, Topics.BACKFILL_DISTRICT_HEATING_SERIES);
    private static final List<String> MASTER_DATA = List.of(Topics.METERING_POINTS, Topics.BACKFILL_METERING_POINTS, Topics.EMISSION_FACTORS);
    private static final List<String> OUTPUTS = List.of(Topics.REJECTED, Topics.HOURLY, Topics.DAILY, Topics.MONTHLY, Topics.YEARLY);

    private ProductionAcls() {
    }

    public static List<AclBinding> all(String applicationId, String pipeline, String masterData, List<String> utilities, String operator,
            String operatorGroupPrefix) {
        List<AclBinding> out = new ArrayList<>();
        List<String> inputs = new ArrayList<>(READINGS);
        inputs.addAll(MASTER_DATA);
        topics(out, pipeline, inputs, AclOperation.READ);
        topics(out, pipeline, OUTPUTS, AclOperation.WRITE);
        for (ResourceType owned : List.of(ResourceType.TOPIC, ResourceType.GROUP, ResourceType.TRANSACTIONAL_ID)) {
            out.add(allow(new ResourcePattern(owned, applicationId, PatternType.PREFIXED), pipeline, AclOperation.ALL));
        }
        topics(out, masterData, MASTER_DATA, AclOperation.WRITE);
        for (String utility : utilities) {
            topics(out, utility, READINGS, AclOperation.WRITE);
        }
        topics(out, operator, OUTPUTS, AclOperation.READ);
        out.add(allow(new ResourcePattern(ResourceType.GROUP, operatorGroupPrefix, PatternType.PREFIXED), operator, AclOperation.READ));
        return out;
    }

    /** {@code operation} and DESCRIBE on each topic, by its literal name. */
    private static void topics(List<AclBinding> out, String principal, List<String> topics, AclOperation operation) {
        for (String topic : topics) {
            ResourcePattern pattern = new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL);
            out.add(allow(pattern, principal, operation));
            out.add(allow(pattern, principal, AclOperation.DESCRIBE));
        }
    }

    private static AclBinding allow(ResourcePattern pattern, String principal, AclOperation operation) {
        return new AclBinding(pattern, new AccessControlEntry("User:" + principal, "*", operation, AclPermissionType.ALLOW));
    }
}
