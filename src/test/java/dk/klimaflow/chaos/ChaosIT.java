package dk.klimaflow.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code klimaflow chaos} at the CI scale ({@link ChaosSettings#ci()}), run once for the class: one pipeline application under a
 * continuous load of electricity series (with corrections), heat registers, garbage and readings of unknown metering points,
 * while it is killed with {@code kill -9} and restarted 5 times, the broker is killed and restarted, the pipeline JVM is frozen
 * for 25 s (it wakes up expelled from its group, its transaction aborted), the state directory is
 * wiped and restored, factor revisions race with readings of the same hours, and the registry is down for 30 s while a writer
 * schema the pipeline has not seen yet arrives. After each fault every committed hourly, daily, monthly and yearly total
 * must equal the independent recomputation, integer for integer, and the ledger in = accepted + rejected + parked must match what was sent (rejected =
 * the garbage, parked = the unknown points), each dead letter once. One test per fault, so a failure names the fault.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChaosIT {
    private List<ChaosReport.FaultResult> results;

    @BeforeAll
    void runAllFaults() throws Exception {
        ChaosRunner runner = new ChaosRunner(ChaosSettings.ci(), new PrintWriter(System.out, true));
        try {
            runner.run();
        } finally {
            System.out.println(runner.report().table());
            results = runner.report().faults();
        }
    }

    private ChaosReport.FaultResult result(String fault) {
        return results.stream().filter(r -> r.fault().equals(fault)).findFirst()
                .orElseThrow(() -> new AssertionError("fault " + fault + " did not run"));
    }

    private void assertEqual(String fault) {
        ChaosReport.FaultResult r = result(fault);
        assertThat(r.totalsEqual()).as(ChaosReport.line(r)).isTrue();
        assertThat(r.recordsIn()).as("records in during " + fault).isEqualTo(r.accepted() + r.rejected() + r.parked()).isPositive();
    }

    @Test
    void shouldStayExactThroughFiveKillsOfThePipelineJvm() {
        assertEqual("kill");
        assertThat(result("kill").figures().get("secondsToRunningAfterKill")).asList().hasSize(5);
    }

    @Test
    void shouldStayExactThroughAKillOfTheBrokerWithoutAPipelineRestart() {
        assertEqual("broker");
        assertThat(result("broker").figures()).as("the pipeline carried on by itself").containsEntry("pipelineAlive", true)
                .containsEntry("pipelineStarts", result("kill").figures().get("pipelineStarts"));
    }

    @Test
    void shouldStayExactWhenThePipelineWakesUpFencedAfterAPause() {
        assertEqual("pause");
        assertThat(result("pause").figures()).as("the paused pipeline carried on by itself").containsEntry("pipelineAlive", true)
                .containsEntry("pipelineStarts", result("kill").figures().get("pipelineStarts"));
    }

    @Test
    void shouldRestoreAWipedStateDirectoryFromTheChangelogsExactly() {
        assertEqual("wipe");
        assertThat((Long) result("wipe").figures().get("stateBytesWiped")).isPositive();
    }

    @Test
    void shouldPriceReadingsWithTheLastFactorRevisionWhenBothRace() {
        assertEqual("race");
    }

    @Test
    void shouldRejectNothingBecauseOfARegistryOutage() {
        assertEqual("registry");
    }
}
