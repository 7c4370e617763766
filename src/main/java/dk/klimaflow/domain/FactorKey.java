package dk.klimaflow.domain;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.EmissionFactor;
import dk.klimaflow.avro.ReasonCode;

/**
 * The rule that an emission factor's key on the compacted topic energy.emission-factors names exactly the slot of its value:
 * {@code carrier|area|method|edition|validFrom} (validFrom as an ISO instant, compared as an instant). Input: the key and the
 * decoded factor (null for a tombstone); output: an INVALID_VALUE {@link Rejection} or null.
 */
final class FactorKey {
    private FactorKey() {
    }

    /**
     * The key of an emission factor must name exactly its value's slot: {@code carrier|area|method|edition|validFrom} (ISO
     * instant). A key that disagrees would let two keys fight over one slot on the compacted topic, so it is refused. A
     * tombstone ({@code f == null}) needs a readable key.
     */
    static Rejection check(String key, EmissionFactor f) {
        String[] k = key.split("\\|", -1);
        if (k.length != 5) {
            return Rejection.of(ReasonCode.INVALID_VALUE, "emission factor key '" + key + "' is not carrier|area|method|edition|validFrom");
        }
        long validFrom;
        try {
            Carrier.valueOf(k[0]);
            dk.klimaflow.avro.Edition.valueOf(k[3]);
            validFrom = java.time.Instant.parse(k[4]).toEpochMilli();
        } catch (RuntimeException e) {
            return Rejection.of(ReasonCode.INVALID_VALUE, "emission factor key '" + key + "' is not carrier|area|method|edition|validFrom: " + e.getMessage());
        }
        if (f == null) {
            return null;
        }
        String[] field = {"carrier", "area", "method", "edition"};
        String[] value = {f.getCarrier().name(), f.getArea(), f.getMethod(), f.getEdition().name()};
        for (int i = 0; i < field.length; i++) {
            if (!k[i].equals(value[i])) {
                return Rejection.of(ReasonCode.INVALID_VALUE, "emission factor key '" + key + "' names " + field[i] + " " + k[i] + " but the value has " + value[i]);
            }
        }
        if (validFrom != f.getValidFrom().toEpochMilli()) {
            return Rejection.of(ReasonCode.INVALID_VALUE, "emission factor key '" + key + "' names validFrom " + k[4] + " but the value has validFrom "
                    + f.getValidFrom() + ": key by carrier|area|method|edition|validFrom of the value");
        }
        return null;
    }
}
