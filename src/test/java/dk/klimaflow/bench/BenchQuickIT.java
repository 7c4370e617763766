package dk.klimaflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code klimaflow bench --quick} in-process on its own embedded broker and registry, the pipeline as a child JVM: every
 * phase runs and every aggregate must equal the independently computed totals. The figures are printed, not asserted (they
 * depend on the machine); the test fails only when totals are wrong or a deadline passes.
 */
class BenchQuickIT {
    @TempDir
    Path dir;

    @Test
    void shouldReachExactlyTheExpectedTotalsInQuickMode() throws Exception {
        BenchSettings q = BenchSettings.quickDefaults();
        Path json = dir.resolve("bench.json");
        BenchSettings settings = new BenchSettings(q.phases(), q.meteringPoints(), q.readings(), q.threads(), q.partitions(),
                q.latencyRate(), q.latencySeconds(), q.pipelineHeap(), q.scalingSizes(), q.scalingThreads(), null, null, 0, json, true, q.heatSeries());
        StringWriter text = new StringWriter();
        BenchRunner runner = new BenchRunner(settings, new PrintWriter(text, true));
        try {
            runner.run();
        } catch (BenchFailure e) {
            fail("bench totals wrong or deadline passed: " + e.getMessage() + "\n" + text);
        } finally {
            System.out.println(text);
            System.out.println(runner.report().table());
        }
        runner.report().writeJson(json);
        assertThat(Files.readString(json)).contains("\"totalsExact\" : true");
    }
}
