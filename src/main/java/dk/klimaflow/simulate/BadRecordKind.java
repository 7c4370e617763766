package dk.klimaflow.simulate;

import dk.klimaflow.avro.ReasonCode;

/**
 * The kinds of bad input the simulated utilities send now and then, each with the rejection reason the pipeline should give
 * it. An unknown metering point is not rejected at first: its readings are parked and released once the simulator publishes
 * the point a little later.
 */
public enum BadRecordKind {
    /** Bytes that are not Confluent wire format (JSON text). */
    NOT_WIRE_FORMAT(ReasonCode.MALFORMED),
    /** Wire format with a schema id the registry does not know. */
    UNKNOWN_SCHEMA_ID(ReasonCode.MALFORMED),
    /** A series for a known point sent by a grid company that does not own it. */
    WRONG_UTILITY(ReasonCode.NOT_OWNER),
    /** A series with a negative quantity. */
    NEGATIVE_QUANTITY(ReasonCode.INVALID_VALUE),
    /** A series for a metering point that is published on the metering-point topic only later. */
    UNKNOWN_METERING_POINT(null);

    private final ReasonCode expectedReason;

    BadRecordKind(ReasonCode expectedReason) {
        this.expectedReason = expectedReason;
    }

    /** The reason the pipeline should reject it with, or null when it should be parked and then accepted. */
    public ReasonCode expectedReason() {
        return expectedReason;
    }
}
