package dk.klimaflow.chaos;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The settings of a chaos run: which faults ({@link #FAULTS}, in this order; the registry outage last, so that a loss it
 * causes does not hide the outcome of the others), how many {@code kill -9} restarts, how many runs
 * of each other fault, the load (metering points, electricity days, records per second), how long the registry stays down, the
 * partition count, the number of brokers (1, or a replicated KRaft cluster of 3 or more), the pipeline's heap, the seed, the
 * deadline of each verification and an optional JSON file.
 */
public record ChaosSettings(Set<String> faults, int kills, int runs, int meteringPoints, int days, int recordsPerSecond,
                            int registryDownSeconds, int partitions, int brokers, String pipelineHeap, long seed, int verifySeconds, Path json) {
    public static final List<String> FAULTS = List.of("kill", "broker", "pause", "broker-pause", "wipe", "race", "registry");

    public ChaosSettings {
        for (String f : faults) {
            if (!FAULTS.contains(f)) {
                throw new IllegalArgumentException("unknown fault '" + f + "': use some of " + String.join(",", FAULTS));
            }
        }
        Set<String> chosen = faults;
        faults = new LinkedHashSet<>(FAULTS.stream().filter(chosen::contains).toList());
        if (kills < 1 || runs < 1 || meteringPoints < 10 || days < 1 || recordsPerSecond < 1 || registryDownSeconds < 0 || partitions < 1) {
            throw new IllegalArgumentException("--kills, --runs, --days, --rate and --partitions must be at least 1, --metering-points at least 10");
        }
        if (brokers != 1 && brokers < 3) {
            throw new IllegalArgumentException("--brokers must be 1, or at least 3 (replication factor 3, min.insync.replicas 2, so one may be down)");
        }
    }

    /** {@code klimaflow chaos} defaults: 20 kills, the registry down for 30 s. */
    public static ChaosSettings defaults() {
        return new ChaosSettings(Set.copyOf(FAULTS), 20, 1, 2_000, 2, 100, 30, 3, 1, "512m", 20261130L, 180, null);
    }

    /**
     * The integration test's scale: 5 kills, the registry down for 30 s as in the issue, a small load; every fault but
     * {@code broker-pause} (within the test budget; the pipeline pause covers fencing, the broker kill a broker fault).
     */
    public static ChaosSettings ci() {
        return new ChaosSettings(FAULTS.stream().filter(f -> !f.equals("broker-pause")).collect(java.util.stream.Collectors.toSet()), 5, 1, 500, 2, 60, 30, 3, 1, "384m", 20261130L, 120, null);
    }

    /** The integration test of a replicated cluster: 3 brokers, each fault run once, the CI load. */
    public static ChaosSettings replicatedCi(Set<String> faults) {
        return new ChaosSettings(faults, 1, 1, 500, 2, 60, 30, 3, 3, "384m", 20261130L, 120, null);
    }
}
