package dk.klimaflow.domain;

import dk.klimaflow.avro.MeteringPoint;
import dk.klimaflow.avro.MeteringPointType;
import java.util.Locale;

/**
 * What a metering point's DataHub type means for the account. Input: a {@link MeteringPoint} (its {@code type}; null, in
 * records written before the field existed, means E17) or a type code as a register file writes it. Only E17 consumption
 * is priced as scope-2 energy; E18 production (rooftop PV), E20 exchange and the D-type child points (own production, net
 * settlement, ...; a child point repeats energy its parent already meters) are kept apart: reported in their own figures,
 * never added to consumption. A type this release does not know is read as D by the enum's default, so it is kept apart.
 */
public final class MeteringPointTypes {
    private MeteringPointTypes() {
    }

    /** The type of a metering point; E17 when it has none (written before the field existed). */
    public static MeteringPointType of(MeteringPoint mp) {
        return mp.getType() == null ? MeteringPointType.E17 : mp.getType();
    }

    /** True for E17 (or no type): the energy priced and counted in energyWh and CO2e. */
    public static boolean consumption(MeteringPoint mp) {
        return of(mp) == MeteringPointType.E17;
    }

    /**
     * The type of a DataHub code: E17, E18, E20, or D for D01..D99 (empty: E17, the register's default). Null for anything
     * else, which a caller reports as a bad row rather than guessing.
     */
    public static MeteringPointType parse(String code) {
        if (code == null || code.isBlank()) {
            return MeteringPointType.E17;
        }
        String c = code.trim().toUpperCase(Locale.ROOT);
        if (c.matches("D\\d\\d")) {
            return MeteringPointType.D;
        }
        return switch (c) {
            case "E17" -> MeteringPointType.E17;
            case "E18" -> MeteringPointType.E18;
            case "E20" -> MeteringPointType.E20;
            default -> null;
        };
    }
}
