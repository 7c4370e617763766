package dk.klimaflow.chaos;

/** A chaos run that could not go on: a deadline passed while waiting for the pipeline, broker or registry. */
public final class ChaosFailure extends RuntimeException {
    public ChaosFailure(String message) {
        super(message);
    }
}
