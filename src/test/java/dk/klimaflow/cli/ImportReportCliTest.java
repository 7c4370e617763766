package dk.klimaflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Arguments of {@code import} and {@code report} and the dry-run tally; no servers are started. */
class ImportReportCliTest {
    private static final String DATA = "src/test/resources/data/";
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return KlimaflowCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void shouldCheckAFileInADryRunAndEndWithTheTally() {
        assertThat(run("import", "metering-points", "--dry-run", DATA + "fixtures/metering_points_0187.csv")).isZero();

        assertThat(out.toString()).contains("dry run: rows read 5, records imported 4, rows rejected 1, rows flagged 0");
        assertThat(err.toString()).contains("metering_points_0187.csv:6: rejected: gpcSector 'I.9'").doesNotContain("metering_points_0187.csv:5:");
    }

    @Test
    void shouldRejectWrongArgumentsWithExitCodeTwo() {
        assertThat(run("import")).isEqualTo(2);
        assertThat(run("import", "readings", "--dry-run", DATA + "fixtures/Meterdata_fixture_0187_2023-10-28_29.csv")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--utility=ID'");
        assertThat(run("import", "factors", "--dry-run", "no-such-file.csv")).isEqualTo(2);
        assertThat(err.toString()).contains("cannot read no-such-file.csv");
        assertThat(run("import", "factors", "--dry-run", "--gwp", "AR4", DATA + "fixtures/heat_declaration_veks.csv")).isEqualTo(2);
        assertThat(run("report", "--municipality", "187", "--year", "2023")).isEqualTo(2);
        assertThat(err.toString()).contains("--municipality must be 4 digits");
        assertThat(run("report", "--municipality", "0187", "--year", "2023", "--format", "xml")).isEqualTo(2);
        assertThat(err.toString()).contains("--format must be md, csv or json");
    }

    @Test
    void shouldFailWithOneLineForAFileOfNoKnownFormat() {
        assertThat(run("import", "factors", "--dry-run", DATA + "fixtures/metering_points_0187.csv")).isEqualTo(1);
        assertThat(err.toString().strip()).doesNotContain("\n").contains("none of the known factor formats");
    }
}
