package dk.klimaflow.cli;

import dk.klimaflow.config.KlimaflowConfig;
import dk.klimaflow.embedded.TopicSetup;
import dk.klimaflow.pipeline.PipelineApp;
import dk.klimaflow.registry.RestSchemaRegistry;
import dk.klimaflow.web.WebServer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code klimaflow run --config FILE}: the pipeline and its web surfaces against any Kafka and Confluent-compatible schema
 * registry. With {@code --setup-topics} it first creates the topics and (if auto.register.schemas=true) registers the schemas.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the emissions pipeline (and its API, dashboard and metrics) against any Kafka + schema registry.",
                "Settings: the --config properties file, then KLIMAFLOW_* environment variables, then defaults."})
public final class RunCommand implements Callable<Integer> {
    @Mixin
    ClusterOptions cluster;

    @Option(names = "--setup-topics", description = "Create missing topics and register (or, with auto.register.schemas=false, check) the schemas first.")
    boolean setupTopics;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        KlimaflowConfig config = cluster.config();
        RestSchemaRegistry registry = RestSchemaRegistry.fromConfig(config);
        if (setupTopics) {
            new TopicSetup(config).setUp(registry, config.getBoolean(KlimaflowConfig.AUTO_REGISTER));
        }
        run(config, registry, spec.commandLine().getOut());
        KlimaflowCli.awaitShutdown();
        return 0;
    }

    /** Starts pipeline and web server; both stop when the JVM exits. */
    static PipelineApp run(KlimaflowConfig config, RestSchemaRegistry registry, PrintWriter out) {
        PipelineApp app = PipelineApp.start(config, registry);
        WebServer web = new WebServer(config, app.streams(), registry);
        web.start();
        OnExit.close("pipeline", app::close);
        OnExit.close("web server", web::close);
        out.printf("Pipeline running (application.id %s, exactly-once). Dashboard and API: http://%s:%s/%n",
                config.get("application.id"), config.get(KlimaflowConfig.WEB_HOST), config.get(KlimaflowConfig.WEB_PORT));
        out.flush();
        return app;
    }
}
