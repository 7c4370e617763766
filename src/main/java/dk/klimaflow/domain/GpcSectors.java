package dk.klimaflow.domain;

import java.util.Map;

/**
 * The GPC sub-sectors a metering point may be attributed to. Grid electricity and district heat are scope 2 (GPC x.x.2), so
 * residential use is I.1.2 and EV charging II.1.2; the topic contracts carry the sub-sector (I.1, II.1) and the scope follows
 * from the carrier.
 */
public final class GpcSectors {
    public static final Map<String, String> NAMES = Map.of(
            "I.1", "Residential buildings",
            "I.2", "Commercial and institutional buildings",
            "I.3", "Manufacturing industries and construction",
            "I.4", "Energy industries",
            "I.5", "Agriculture, forestry and fishing",
            "I.6", "Non-specified sources",
            "II.1", "On-road transportation",
            "II.2", "Railways");

    private GpcSectors() {
    }

    public static boolean known(String code) {
        return NAMES.containsKey(code);
    }
}
