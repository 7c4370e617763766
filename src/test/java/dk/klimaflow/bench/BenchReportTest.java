package dk.klimaflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {
    @TempDir
    Path dir;

    @Test
    void shouldWriteOneJsonObjectWithEverySection() throws Exception {
        BenchReport r = new BenchReport();
        r.put("run", "gitCommit", "abc");
        r.put("backlog", "readingsPerSecond", 12_345.5);
        r.putAll("latency", Map.of("p99Ms", Double.NaN));
        r.put("scaling", "runs", List.of(Map.of("readings", 1_000L, "streamThreads", 2)));
        Path file = dir.resolve("out/bench.json");
        r.writeJson(file);

        JsonNode json = new ObjectMapper().readTree(Files.readString(file));
        assertThat(json.isObject()).isTrue();
        assertThat(json.get("run").get("gitCommit").asText()).isEqualTo("abc");
        assertThat(json.get("backlog").get("readingsPerSecond").asDouble()).isEqualTo(12_345.5);
        assertThat(json.get("latency").get("p99Ms").isNull()).isTrue();
        assertThat(json.get("scaling").get("runs").get(0).get("streamThreads").asInt()).isEqualTo(2);
    }

    @Test
    void shouldPrintAReadableTable() {
        BenchReport r = new BenchReport();
        r.put("backlog", "readingsPerSecond", 12_345.5);
        r.put("backlog", "memory", Map.of("peakRssMegabytes", 512.25));
        r.put("scaling", "runs", List.of(Map.of("readings", 1_000_000L)));

        assertThat(r.table()).contains("backlog").contains("readingsPerSecond").contains("12,346")
                .contains("memory.peakRssMegabytes").contains("512").contains("runs[0].readings").contains("1,000,000");
    }

    @Test
    void shouldDescribeTheMachine() {
        assertThat(MachineInfo.machine()).containsKeys("cores", "totalMemoryBytes", "jvmVersion", "jvmVendor", "os");
        assertThat(MachineInfo.gitCommit()).matches("[0-9a-f]{40}|unknown");
    }
}
