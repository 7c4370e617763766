package dk.klimaflow.importer;

/**
 * A row of an import file that cannot be imported, with the reason in words an operator can act on. Thrown by the row mappers
 * and caught by the import loop, which records it in the {@link ImportTally} with the file and line and goes on with the next
 * row. No stack trace: it is an expected outcome, not a failure of the program.
 */
public final class BadRow extends Exception {
    public BadRow(String reason) {
        super(reason, null, false, false);
    }
}
