package dk.klimaflow.domain;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.EmissionFactor;
import dk.klimaflow.avro.MeteringPoint;
import dk.klimaflow.avro.ReasonCode;

/**
 * Validation of master data and factors, each check returning a {@link Rejection} or null: a metering point record (id,
 * municipality, GPC sector, price or supply area), a reading's owner and carrier against its metering point, an emission
 * factor (area, validity, plausible g/kWh) and its key against its value; and the factor area a metering point is priced
 * in. The readings' own rules are in {@link ReadingRules}.
 */
public final class MasterDataRules {
    private MasterDataRules() {
    }

    private static Rejection invalid(String reason) {
        return Rejection.of(ReasonCode.INVALID_VALUE, reason);
    }

    /** Ownership and carrier of a reading against its metering point. */
    public static Rejection checkOwner(String utilityId, Carrier readingCarrier, MeteringPoint mp) {
        if (mp.getCarrier() != readingCarrier) {
            return invalid("metering point " + mp.getId() + " is " + mp.getCarrier() + " but the reading is " + readingCarrier);
        }
        if (!mp.getUtilityId().equals(utilityId)) {
            return Rejection.of(ReasonCode.NOT_OWNER, "utility " + utilityId + " does not own metering point " + mp.getId()
                    + " (owner " + mp.getUtilityId() + ")");
        }
        return null;
    }

    public static Rejection check(MeteringPoint mp) {
        if (mp.getId().isBlank() || mp.getId().contains("|")) {
            return invalid("metering point id '" + mp.getId() + "' is empty or contains '|'");
        }
        if (!ReadingRules.digits(mp.getMunicipalityCode(), 4)) {
            return invalid("municipalityCode '" + mp.getMunicipalityCode() + "' is not 4 digits (e.g. 0187)");
        }
        if (!GpcSectors.known(mp.getGpcSector())) {
            return invalid("gpcSector '" + mp.getGpcSector() + "' is not one of " + new java.util.TreeSet<>(GpcSectors.NAMES.keySet()));
        }
        if (mp.getCarrier() == Carrier.ELECTRICITY && mp.getPriceArea() == null) {
            return invalid("electricity metering point " + mp.getId() + " has no priceArea");
        }
        if (mp.getCarrier() == Carrier.DISTRICT_HEATING && (mp.getSupplyAreaId() == null || mp.getSupplyAreaId().isBlank())) {
            return invalid("district-heating meter " + mp.getId() + " has no supplyAreaId");
        }
        return null;
    }

    public static Rejection check(EmissionFactor f) {
        if (f.getArea().isBlank() || f.getArea().contains("|")) {
            return invalid("factor area '" + f.getArea() + "' is empty or contains '|'");
        }
        if (!f.getValidTo().isAfter(f.getValidFrom())) {
            return invalid("factor validTo is not after validFrom");
        }
        double g = f.getGramsCo2ePerKWh();
        if (!Double.isFinite(g) || g < 0 || g > EnergyLimits.MAX_FACTOR_G_PER_KWH) {
            return invalid("factor " + g + " g/kWh is outside 0.." + (long) EnergyLimits.MAX_FACTOR_G_PER_KWH
                    + " (no fuel emits more per kWh delivered)");
        }
        return null;
    }

    /** See {@link FactorKey#check}. */
    public static Rejection checkFactorKey(String key, EmissionFactor f) {
        return FactorKey.check(key, f);
    }

    /** The factor area of a metering point: its price area for electricity, its supply area for district heating. */
    public static String factorArea(MeteringPoint mp) {
        return mp.getCarrier() == Carrier.ELECTRICITY ? String.valueOf(mp.getPriceArea()) : mp.getSupplyAreaId();
    }
}
