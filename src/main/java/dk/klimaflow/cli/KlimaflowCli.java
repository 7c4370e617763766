package dk.klimaflow.cli;

import dk.klimaflow.config.ConfigException;
import dk.klimaflow.registry.SchemaRegistryException;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code klimaflow} command line (the {@code ./klimaflow} launcher runs this). Input: the arguments; output: the exit code,
 * 0 when done, 1 for a failure (one line on stderr naming cause and fix; {@code -Dklimaflow.debug=true} adds the stack trace),
 * 2 for wrong arguments (message and usage). A new subcommand is one class with {@code @Command}, listed in
 * {@code subcommands} below.
 */
@Command(name = "klimaflow", mixinStandardHelpOptions = true, version = "klimaflow 0.1.0",
        description = "Utility meter data to near-real-time municipal CO2e accounts on Kafka Streams.",
        subcommands = {DemoCommand.class, StackCommand.class, RunCommand.class, BackfillCommand.class, SimulateCommand.class, TailCommand.class, BenchCommand.class, ChaosCommand.class, ImportCommand.class, ReportCommand.class, AclsCommand.class, CommandLine.HelpCommand.class})
public final class KlimaflowCli {
    public static final int FAILED = 1;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (no {@code System.exit}: tests call this). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** Runs the command line with the given output streams (for tests) and returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new KlimaflowCli());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            err.println("klimaflow " + commandLine.getCommandName() + ": " + oneLine(e));
            if (Boolean.getBoolean("klimaflow.debug")) {
                e.printStackTrace(err);
            }
            err.flush();
            return FAILED;
        });
        return cli;
    }

    /** The message an operator needs: ours as they are, others with their type, causes only where they add something. */
    static String oneLine(Throwable e) {
        Throwable t = e;
        while ((t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof ConfigException || t instanceof SchemaRegistryException) {
            return t.getMessage();
        }
        String message = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
        Throwable cause = t.getCause();
        if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            message += " (" + cause.getMessage() + ")";
        }
        return message.replaceAll("\\s*\\R\\s*", " ");
    }

    /** Blocks until the JVM shuts down (Ctrl-C, SIGTERM); shutdown hooks registered before do the stopping. */
    public static void awaitShutdown() {
        CountDownLatch exit = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(exit::countDown, "klimaflow-exit"));
        try {
            exit.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
