package dk.klimaflow.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code klimaflow chaos --brokers 3 --faults broker} at the CI scale ({@link ChaosSettings#replicatedCi}): the
 * production shape, a KRaft cluster of three brokers (child JVMs) with every topic, the pipeline's internal topics too,
 * replicated three times with min.insync.replicas 2. One of the brokers is killed with {@code kill -9} and kept down until the
 * pipeline has counted more of the load without it (only replication makes that possible: with one
 * broker the pipeline waits), then started again; the pipeline is never restarted. Every committed total must equal the
 * independent recomputation, integer for integer, and the ledger must balance.
 */
class ReplicatedClusterIT {

    @Test
    @SuppressWarnings("unchecked")
    void shouldKeepCountingExactlyWhileOneOfThreeBrokersIsDown() throws Exception {
        ChaosRunner runner = new ChaosRunner(ChaosSettings.replicatedCi(Set.of("broker")), new PrintWriter(System.out, true));
        try {
            runner.run();
        } finally {
            System.out.println(runner.report().table());
        }
        List<ChaosReport.FaultResult> results = runner.report().faults();
        assertThat(results).extracting(ChaosReport.FaultResult::fault).containsExactly("broker");
        for (ChaosReport.FaultResult r : results) {
            assertThat(r.totalsEqual()).as(ChaosReport.line(r)).isTrue();
            assertThat(r.recordsIn()).as("records in during " + r.fault()).isEqualTo(r.accepted() + r.rejected() + r.parked()).isPositive();
        }
        var broker = results.get(0).figures();
        assertThat((List<Long>) broker.get("recordsCountedWhileDown")).as("counted while a broker was down").hasSize(1).allMatch(n -> n > 0);
        assertThat((List<Integer>) broker.get("brokersKilled")).hasSize(1).allMatch(n -> n >= 1 && n <= 3);
        assertThat(broker).containsEntry("pipelineAlive", true).containsEntry("pipelineStarts", 1);
    }
}
