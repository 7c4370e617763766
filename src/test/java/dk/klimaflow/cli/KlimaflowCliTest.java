package dk.klimaflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Argument handling of the command line: help, wrong arguments, one-line errors. No servers are started. */
class KlimaflowCliTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return KlimaflowCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void shouldPrintHelpForEveryCommand() {
        assertThat(run("--help")).isZero();
        assertThat(run("stack", "--help")).isZero();
        assertThat(run("tail", "--help")).isZero();

        assertThat(out.toString()).contains("Usage: klimaflow", "Usage: klimaflow stack", "--kafka-port", "Usage: klimaflow tail", "--from-end");
    }

    @Test
    void shouldRejectAMissingCommandWithUsage() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required subcommand", "Usage: klimaflow");
    }

    @Test
    void shouldRejectAnUnknownOption() {
        assertThat(run("stack", "--bogus")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--bogus'");
    }

    @Test
    void shouldRejectAnUnknownTopicNamingTheKnownOnes() {
        assertThat(run("tail", "energy.nope")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown topic 'energy.nope'", "energy.electricity.readings");
    }

    @Test
    void shouldEndAConfigErrorWithOneLineAndExitCodeOne() {
        assertThat(run("tail", "energy.electricity.readings", "--registry-url", "ftp://nowhere")).isEqualTo(1);
        assertThat(err.toString().strip()).doesNotContain("\n").contains("schema.registry.url", "ftp://nowhere");
    }

    @Test
    void shouldRejectAnUnknownChaosFaultNamingTheKnownOnes() {
        assertThat(run("chaos", "--faults", "kill,meteor")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown fault 'meteor'", "kill,broker,pause,broker-pause,wipe,race,registry");
    }

    @Test
    void shouldDescribeTheChaosFaults() {
        assertThat(run("chaos", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: klimaflow chaos", "--kills", "--registry-down-seconds", "--json");
    }
}
