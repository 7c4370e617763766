package dk.klimaflow.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code klimaflow chaos} at the CI scale ({@link ChaosSettings#ci()}): one pipeline application under a continuous load of
 * electricity series (with corrections), heat registers, garbage and readings of unknown metering points, while it is killed
 * with {@code kill -9} and restarted 5 times, the broker is killed and restarted, the registry is down for 10 s while a writer
 * schema the pipeline has not seen arrives, the state directory is wiped and restored, and factor revisions race with readings
 * of the same hours. After each fault every committed daily total must equal the independent recomputation, integer for
 * integer, and the ledger in = accepted + rejected + parked must match what was sent (rejected = the garbage, parked = the
 * unknown points), each dead letter once. The failure message lists every fault's line.
 */
class ChaosIT {
    @Test
    void shouldKeepEveryTotalExactThroughKillsBrokerAndRegistryOutagesStateWipeAndFactorRaces() throws Exception {
        ChaosRunner runner = new ChaosRunner(ChaosSettings.ci(), new PrintWriter(System.out, true));
        try {
            runner.run();
        } finally {
            System.out.println(runner.report().table());
        }
        String lines = runner.report().faults().stream().map(ChaosReport::line).collect(Collectors.joining("\n"));
        assertThat(runner.report().faults()).as("faults done").hasSize(ChaosSettings.FAULTS.size());
        assertThat(runner.report().faults()).as("every fault's totals equal:\n" + lines).allMatch(ChaosReport.FaultResult::totalsEqual);
        assertThat(runner.report().faults().get(0).figures().get("secondsToRunningAfterKill")).asList().hasSize(5);
    }
}
