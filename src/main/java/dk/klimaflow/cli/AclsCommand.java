package dk.klimaflow.cli;

import dk.klimaflow.security.ProductionAcls;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.resource.PatternType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code klimaflow acls}: the least-privilege ACLs of a deployment ({@link ProductionAcls}) for the given principals and
 * application id, printed as {@code kafka-acls.sh} commands, or created on the cluster with {@code --apply} (Admin
 * {@code createAcls}, as a principal allowed to alter ACLs, from {@code --config}).
 */
@Command(name = "acls", mixinStandardHelpOptions = true,
        description = "Print (or --apply) the least-privilege Kafka ACLs for the pipeline, the master-data publisher, utilities and operators.")
public final class AclsCommand implements Callable<Integer> {
    @Option(names = "--application-id", paramLabel = "ID", description = "The pipeline's application.id (default klimaflow).")
    String applicationId = "klimaflow";

    @Option(names = "--pipeline", paramLabel = "NAME", description = "The pipeline's principal, User:NAME (default klimaflow).")
    String pipeline = "klimaflow";

    @Option(names = "--master-data", paramLabel = "NAME", description = "The principal that writes the metering-point register and the factors (default datahub).")
    String masterData = "datahub";

    @Option(names = "--utility", paramLabel = "NAME", split = ",", description = "Principals of the utilities that write readings (repeatable or comma-separated).")
    List<String> utilities = List.of();

    @Option(names = "--operator", paramLabel = "NAME", description = "The principal that reads the aggregates and dead letters (default operator).")
    String operator = "operator";

    @Option(names = "--operator-group-prefix", paramLabel = "PREFIX", description = "Consumer-group prefix the operators may use (default operator-).")
    String operatorGroupPrefix = "operator-";

    @Option(names = "--apply", description = "Create the ACLs on the cluster instead of printing them.")
    boolean apply;

    @Mixin
    ClusterOptions cluster;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<AclBinding> acls = ProductionAcls.all(applicationId, pipeline, masterData, utilities, operator, operatorGroupPrefix);
        if (apply) {
            try (Admin admin = Admin.create(cluster.config().clientProperties())) {
                admin.createAcls(acls).all().get(60, TimeUnit.SECONDS);
            }
            out.println(acls.size() + " ACLs created on " + cluster.config().get("bootstrap.servers"));
        } else {
            acls.forEach(acl -> out.println(command(acl)));
        }
        out.flush();
        return 0;
    }

    /** One binding as a {@code kafka-acls.sh} command line. */
    static String command(AclBinding acl) {
        String resource = switch (acl.pattern().resourceType()) {
            case TOPIC -> "--topic";
            case GROUP -> "--group";
            case TRANSACTIONAL_ID -> "--transactional-id";
            default -> "--cluster";
        };
        return "kafka-acls.sh --bootstrap-server BROKER --command-config admin.properties --add --allow-principal "
                + acl.entry().principal() + " --operation " + operationName(acl) + " " + resource + " '" + acl.pattern().name() + "'"
                + (acl.pattern().patternType() == PatternType.PREFIXED ? " --resource-pattern-type prefixed" : "");
    }

    private static String operationName(AclBinding acl) {
        String[] words = acl.entry().operation().name().toLowerCase().split("_");
        StringBuilder b = new StringBuilder();
        for (String w : words) {
            b.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
        }
        return b.toString();
    }
}
