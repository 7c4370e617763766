package dk.klimaflow.embedded;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.Uuid;

/**
 * The static voter set of a KRaft cluster of combined broker-and-controller nodes on this machine: node ids 1..n, the
 * controller port of each (fixed for the cluster's life, since every node names all voters) and the cluster id every node's
 * log directory is formatted with. Input to {@link EmbeddedKafka} for a node of a multi-broker cluster; a single-node
 * broker needs none. Also sizes the replication of the brokers' own topics: 3 replicas (fewer on fewer nodes) with
 * {@code min.insync.replicas} 2 once there are 3, so one node can be down while transactions still commit.
 */
public record KraftQuorum(String clusterId, List<Integer> controllerPorts) {
    public KraftQuorum {
        if (controllerPorts.isEmpty()) {
            throw new IllegalArgumentException("a quorum needs at least one controller");
        }
        controllerPorts = List.copyOf(controllerPorts);
    }

    /** A new cluster of {@code nodes} nodes, on free controller ports. */
    public static KraftQuorum of(int nodes) {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            ports.add(Ports.free());
        }
        return new KraftQuorum(Uuid.randomUuid().toString(), ports);
    }

    public int nodes() {
        return controllerPorts.size();
    }

    /** {@code controller.quorum.voters}: {@code 1@127.0.0.1:port,2@...}. */
    public String voters() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < controllerPorts.size(); i++) {
            b.append(i == 0 ? "" : ",").append(i + 1).append('@').append(Ports.HOST).append(':').append(controllerPorts.get(i));
        }
        return b.toString();
    }

    public int controllerPort(int nodeId) {
        return controllerPorts.get(nodeId - 1);
    }

    /** Replicas of the brokers' own topics and the default for new topics: up to 3. */
    public int replicationFactor() {
        return Math.min(3, nodes());
    }

    /** In-sync replicas a write needs: 2 once there are 3 replicas, so one node may be down. */
    public int minInsyncReplicas() {
        return replicationFactor() >= 3 ? 2 : 1;
    }

    /** As an argument string for a child JVM: {@code clusterId:port,port,port}. */
    public String toArgument() {
        return clusterId + ":" + String.join(",", controllerPorts.stream().map(String::valueOf).toList());
    }

    public static KraftQuorum fromArgument(String argument) {
        int colon = argument.indexOf(':');
        List<Integer> ports = new ArrayList<>();
        for (String p : argument.substring(colon + 1).split(",")) {
            ports.add(Integer.parseInt(p));
        }
        return new KraftQuorum(argument.substring(0, colon), ports);
    }
}
