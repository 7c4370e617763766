package dk.klimaflow.bench;

import dk.klimaflow.config.KnownSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The settings of one bench run, as given on the command line (or by a test). Input: the options; {@link #quickDefaults()} gives the
 * small sizes of {@code --quick}. Output: the values the phases use and {@link #asMap()} for the JSON report. A null
 * {@code bootstrapServers} means: start an embedded broker and registry in a fresh temporary directory.
 */
public record BenchSettings(Set<String> phases, int meteringPoints, long readings, int threads, int partitions,
        int latencyRate, int latencySeconds, String pipelineHeap, List<Long> scalingSizes, List<Integer> scalingThreads,
        String bootstrapServers, String registryUrl, int timeoutSeconds, Path json, boolean quick, boolean heatSeries) {
    public static final List<String> PHASES = List.of("ceiling", "backlog", "latency", "scaling");

    /** The settings with the backlog's district-heating readings delivered as day-long series ({@code true}) or one record each. */
    public BenchSettings withHeatSeries(boolean series) {
        return new BenchSettings(phases, meteringPoints, readings, threads, partitions, latencyRate, latencySeconds, pipelineHeap,
                scalingSizes, scalingThreads, bootstrapServers, registryUrl, timeoutSeconds, json, quick, series);
    }

    public BenchSettings {
        for (String p : phases) {
            if (!PHASES.contains(p)) {
                throw new IllegalArgumentException("unknown phase '" + p + "': use a comma-separated subset of " + PHASES);
            }
        }
        if (meteringPoints < 2 || readings < 200 || threads < 1 || partitions < 1 || latencyRate < 4 || latencySeconds < 1) {
            throw new IllegalArgumentException("sizes must be positive: --metering-points >= 2, --readings >= 200, --threads >= 1, "
                    + "--partitions >= 1, --latency-rate >= 4, --latency-seconds >= 1");
        }
        if ((bootstrapServers == null) != (registryUrl == null)) {
            throw new IllegalArgumentException("give both --bootstrap-server and --registry-url for a real cluster, or neither for the embedded stack");
        }
    }

    /** The defaults: 100,000 metering points, 10 million readings, 5,000 readings/s for 60 s, scaling at 1, 3 and 10 million. */
    public static BenchSettings defaults() {
        return new BenchSettings(Set.copyOf(PHASES), 100_000, 10_000_000, pipelineThreads(), 6, 5_000, 60, "768m",
                List.of(1_000_000L, 3_000_000L, 10_000_000L), List.of(1, 2), null, null, 0, null, false, true);
    }

    /** The pipeline's own default {@code num.stream.threads}: the bench measures what {@code klimaflow run} runs. */
    private static int pipelineThreads() {
        return Integer.parseInt(KnownSettings.DEFAULTS.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG));
    }

    /**
     * The small sizes of --quick: done in well under two minutes on two cores, embedded stack start included. Its pipeline
     * JVMs keep the tiered JIT ({@link PipelineProcess}): a run of seconds is mostly warm-up.
     */
    public static BenchSettings quickDefaults() {
        return new BenchSettings(Set.copyOf(PHASES), 5_000, 200_000, pipelineThreads(), 6, 2_000, 10, "512m",
                List.of(20_000L, 100_000L), List.of(1, 2), null, null, 0, null, true, true);
    }

    public boolean has(String phase) {
        return phases.contains(phase);
    }

    public boolean embedded() {
        return bootstrapServers == null;
    }

    /** Deadline for the pipeline to reflect {@code n} readings: the --timeout-seconds setting, else 300 s + 1 s per 5,000. */
    public long timeoutSecondsFor(long n) {
        return timeoutSeconds > 0 ? timeoutSeconds : 300 + n / 5_000;
    }

    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("phases", PHASES.stream().filter(phases::contains).toList());
        m.put("quick", quick);
        m.put("meteringPoints", meteringPoints);
        m.put("readings", readings);
        m.put("streamThreads", threads);
        m.put("partitions", partitions);
        m.put("heatDelivery", heatSeries ? "series" : "readings");
        m.put("latencyRate", latencyRate);
        m.put("latencySeconds", latencySeconds);
        m.put("pipelineHeap", pipelineHeap);
        m.put("pipelineJit", quick ? "tiered" : "C2 only");
        m.put("scalingSizes", scalingSizes);
        m.put("scalingThreads", scalingThreads);
        m.put("cluster", embedded() ? "embedded" : bootstrapServers);
        m.put("registryUrl", embedded() ? "embedded" : registryUrl);
        m.put("timeoutSeconds", timeoutSeconds > 0 ? timeoutSeconds : "300 + readings/5,000");
        return m;
    }
}
