package dk.klimaflow.bench;

/**
 * A bench result that is wrong rather than slow: totals that differ from the expected ones, or a deadline passed. Input: the
 * message naming the cell and both numbers (or what did not finish). Output: exit code 1 of {@code klimaflow bench}.
 */
public final class BenchFailure extends RuntimeException {
    public BenchFailure(String message) {
        super(message);
    }
}
