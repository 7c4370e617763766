package dk.klimaflow.domain;

import dk.klimaflow.avro.Carrier;
import java.util.Map;
import java.util.TreeSet;

/**
 * Whether the fuel-allocation methods of combined heat and power (CHP) used for the carriers are one and the same. Input: the
 * method per carrier ({@code klimaflow.factor.method.electricity} / {@code .district-heating}). The 125% method gives CHP heat
 * 0.8 x H of the plant's fuel, the 200% method 0.5 x H (electricity the rest), so pricing electricity at 125% and heat at
 * 200% counts about 0.3 x H of CHP fuel nowhere (and the reverse counts it twice). An account that mixes methods is marked
 * with {@link #mixed}: "mixed CHP methods: electricity 125%, district heating 200%".
 */
public final class ChpMethods {
    /** The default for both carriers: see the README, configuration. */
    public static final String DEFAULT = "125%";

    private ChpMethods() {
    }

    /** The mark of an account priced with different methods per carrier, or null when every carrier uses one method. */
    public static String mixed(Map<Carrier, String> methods) {
        if (new TreeSet<>(methods.values()).size() <= 1) {
            return null;
        }
        return "mixed CHP methods: electricity " + methods.get(Carrier.ELECTRICITY) + ", district heating "
                + methods.get(Carrier.DISTRICT_HEATING) + " (part of the CHP fuel is counted nowhere or twice)";
    }
}
