package dk.klimaflow.cli;

import dk.klimaflow.config.KlimaflowConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Options of commands that talk to a running Kafka and schema registry (embedded or real): {@code --bootstrap-server},
 * {@code --registry-url} and an optional {@code --config} properties file (security settings, {@code basic.auth.user.info}).
 * {@link #config()} applies them over the file, the {@code KLIMAFLOW_*} environment and the defaults.
 */
public final class ClusterOptions {
    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (default: bootstrap.servers of --config or KLIMAFLOW_BOOTSTRAP_SERVERS, else 127.0.0.1:9092).")
    String bootstrapServer;

    @Option(names = "--registry-url", paramLabel = "URL",
            description = "Confluent-compatible schema registry (default: schema.registry.url of --config, else http://127.0.0.1:8081/apis/ccompat/v7).")
    String registryUrl;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with client settings (bootstrap.servers, security.*, sasl.*, schema.registry.url, basic.auth.user.info).")
    Path configFile;

    public KlimaflowConfig config() {
        Map<String, String> overrides = new HashMap<>();
        if (bootstrapServer != null) {
            overrides.put("bootstrap.servers", bootstrapServer);
        }
        if (registryUrl != null) {
            overrides.put(KlimaflowConfig.SCHEMA_REGISTRY_URL, registryUrl);
        }
        return KlimaflowConfig.load(configFile, System.getenv(), overrides);
    }
}
