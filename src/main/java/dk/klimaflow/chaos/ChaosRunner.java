package dk.klimaflow.chaos;

import dk.klimaflow.bench.MachineInfo;
import dk.klimaflow.bench.Workload;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs the chosen faults one after the other against one pipeline application under a continuous load, and verifies after
 * each. Input: {@link ChaosSettings}, where to print progress. Steps: start the {@link ChaosCluster} in a fresh temporary
 * directory; publish the bench {@link Workload}'s metering points and factors; start the pipeline (child JVM); then per fault:
 * start the {@link ChaosLoad}, do the fault ({@link Faults}), stop the load, and let the {@link Verifier} compare every committed
 * hourly, daily, monthly and yearly total and the ledger with the {@link ChaosLedger}'s recomputation of everything sent so far (cumulative: a fault's
 * damage cannot hide behind a later one). Output: the {@link ChaosReport}; everything started is stopped and the directory
 * deleted.
 */
public final class ChaosRunner {
    static final ZoneId ZONE = ZoneId.of("Europe/Copenhagen");
    private final ChaosSettings settings;
    private final PrintWriter out;
    private final ChaosReport report = new ChaosReport();

    public ChaosRunner(ChaosSettings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
    }

    public ChaosReport report() {
        return report;
    }

    public ChaosReport run() throws Exception {
        report.put("gitCommit", MachineInfo.gitCommit());
        report.put("startedAt", Instant.now().toString());
        report.put("machine", MachineInfo.machine());
        report.put("settings", settings);
        long started = System.nanoTime();
        Path dir = Files.createTempDirectory("klimaflow-chaos-");
        boolean keep = false;
        say("starting " + (settings.brokers() == 1 ? "a Kafka broker (child JVM)" : settings.brokers() + " Kafka brokers (child JVMs, one KRaft cluster)")
                + " and the schema registry in " + dir + " ...");
        try (ChaosCluster cluster = ChaosCluster.start(dir, settings.partitions(), settings.brokers())) {
            faults(cluster, dir);
        } catch (ChaosFailure e) {
            report.put("failure", e.getMessage());
            report.put("keptDirectory", dir.toString());
            keep = true;
            say("FAILED: " + e.getMessage() + "; the logs are kept in " + dir + " (pipeline/pipeline.log, kafka/../broker*.log)");
            throw e;
        } finally {
            report.put("totalSeconds", Math.round((System.nanoTime() - started) / 1e8) / 10.0);
            if (!keep) {
                deleteTree(dir);
            }
        }
        return report;
    }

    private void faults(ChaosCluster cluster, Path dir) throws Exception {
        long now = System.currentTimeMillis();
        Workload workload = new Workload(settings.meteringPoints(), 0, now);
        List<Long> days = recentWholeDays(now, settings.days());
        long heatStart = LocalDate.ofInstant(Instant.ofEpochMilli(now), ZONE).minusDays(10).atStartOfDay(ZONE).toInstant().toEpochMilli();
        ChaosLedger ledger = new ChaosLedger(workload.meteringPoints(), days, heatStart, workload::electricityMg);
        report.put("workload", Map.of("electricityMeteringPoints", ledger.electricityPoints().size(), "heatMeters", ledger.heatMeters().size(),
                "electricityDays", days.size(), "recordsPerSecond", settings.recordsPerSecond()));
        try (ChaosLoad load = new ChaosLoad(ledger, cluster.clientProperties(), cluster.registry(), settings.seed());
             Verifier verifier = new Verifier(cluster.clientProperties(), cluster.registry());
             ChaosPipeline pipeline = new ChaosPipeline(cluster.config(), settings.pipelineHeap(), dir.resolve("pipeline"))) {
            load.publish(workload.meteringPoints(), workload.factors(Math.min(heatStart, days.get(days.size() - 1)), now + 2 * ChaosLedger.HOUR));
            say("pipeline starting (child JVM, log " + pipeline.log() + ")");
            report.put("pipelineFirstStartSeconds", pipeline.startAndAwaitRunning(Duration.ofSeconds(180)));
            Faults faults = new Faults(cluster, pipeline, load, settings, workload::electricityMg);
            Verifier.Check before = new Verifier.Check(0, 0, 0, 0, Map.of(), 0, true, null, Map.of());
            for (String fault : settings.faults()) {
                int runs = fault.equals("kill") ? settings.kills() : settings.runs();
                say(fault + ": " + runs + " run(s) under a load of " + settings.recordsPerSecond() + " records/s ...");
                Map<String, Object> figures = new LinkedHashMap<>();
                if (!pipeline.alive()) {
                    figures.put("pipelineFoundStopped", true);
                    pipeline.startAndAwaitRunning(Duration.ofSeconds(180));
                }
                long t0 = System.nanoTime();
                load.start(settings.recordsPerSecond());
                try {
                    faults.run(fault, runs, figures);
                } finally {
                    load.stop();
                }
                long v0 = System.nanoTime();
                Verifier.Check check = verifier.await(ledger, pipeline.countersUrl(), Duration.ofSeconds(settings.verifySeconds()));
                figures.put("secondsToEqualTotals", check.equal() ? Math.round((System.nanoTime() - v0) / 1e8) / 10.0 : null);
                if (!before.equal()) {
                    figures.put("afterAnEarlierDifference", true); // the comparison is cumulative: an earlier fault's loss shows here too
                }
                figures.put("pipelineAlive", pipeline.alive());
                figures.put("pipelineStarts", pipeline.starts());
                figures.put("rejectedByReasonSoFar", check.rejectedByReason());
                figures.put("cellsCompared", check.cellsCompared());
                ChaosReport.FaultResult result = new ChaosReport.FaultResult(fault, runs, check.in() - before.in(),
                        check.accepted() - before.accepted(), check.rejected() - before.rejected(), check.parked() - before.parked(),
                        check.equal(), check.firstDifference(), Math.round((System.nanoTime() - t0) / 1e8) / 10.0, figures);
                report.add(result);
                say(ChaosReport.line(result) + " " + figures);
                before = check;
            }
        }
    }

    /** The {@code count} most recent local days before today with 96 quarter-hours (no DST change), newest first. */
    static List<Long> recentWholeDays(long now, int count) {
        List<Long> out = new ArrayList<>();
        LocalDate d = LocalDate.ofInstant(Instant.ofEpochMilli(now), ZONE).minusDays(1);
        while (out.size() < count) {
            long start = d.atStartOfDay(ZONE).toInstant().toEpochMilli();
            if (d.plusDays(1).atStartOfDay(ZONE).toInstant().toEpochMilli() - start == 96 * ChaosLedger.QUARTER) {
                out.add(start);
            }
            d = d.minusDays(1);
        }
        return out;
    }

    private void say(String line) {
        out.println("chaos: " + line);
        out.flush();
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
