package dk.klimaflow.domain;

import dk.klimaflow.avro.ReasonCode;

/** Why a record is refused: the reason code of the dead-letter topic and a sentence an operator can act on. */
public record Rejection(ReasonCode code, String reason) {
    public static Rejection of(ReasonCode code, String reason) {
        return new Rejection(code, reason);
    }
}
