package dk.klimaflow.bench;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.MeteringPoint;
import dk.klimaflow.avro.PriceArea;
import dk.klimaflow.simulate.VallensbaekRegister;
import java.util.ArrayList;
import java.util.List;

/**
 * The bench's metering-point register, the master data of the {@link Workload}. Input: the numbers of electricity points,
 * district-heating meters and latency points, each numbered from 0. Output: their ids ({@link #electricityId},
 * {@link #heatId}, {@link #latencyId}), the municipality of point number i (round robin over five municipalities) and its GPC
 * sector, and the {@link MeteringPoint} records ({@link #meteringPoints}): owned by the demo's grid and heat companies,
 * electricity in price area DK2 and heat in the demo's supply area, every 41st a municipal operation; the latency points
 * alone make up municipality {@link #LATENCY_MUNICIPALITY}, sector {@link #LATENCY_SECTOR}.
 */
final class BenchRegister {
    static final String LATENCY_MUNICIPALITY = "0999";
    static final String LATENCY_SECTOR = "I.1";
    private static final String[] MUNICIPALITIES = {"0187", "0101", "0147", "0151", "0153"};

    private BenchRegister() {
    }

    static String electricityId(int i) { return String.format("571313%012d", i); }

    static String heatId(int k) { return String.format("DH-BENCH-%07d", k); }

    static String latencyId(int l) { return String.format("571399%012d", l); }

    /** The municipality of electricity point or heat meter number {@code index}. */
    static String municipality(int index) {
        return MUNICIPALITIES[index % MUNICIPALITIES.length];
    }

    static String sectorOfElectricity(int i) {
        int s = (i / MUNICIPALITIES.length) % 10;
        return s < 7 ? "I.1" : s == 7 ? "I.2" : s == 8 ? "I.3" : "II.1";
    }

    static String sectorOfHeat(int k) {
        return (k / MUNICIPALITIES.length) % 10 < 8 ? "I.1" : "I.2";
    }

    static List<MeteringPoint> meteringPoints(int electricityPoints, int heatPoints, int latencyPoints) {
        List<MeteringPoint> out = new ArrayList<>(electricityPoints + heatPoints + latencyPoints);
        for (int i = 0; i < electricityPoints; i++) {
            out.add(electricity(electricityId(i), municipality(i), sectorOfElectricity(i), i % 41 == 0));
        }
        for (int k = 0; k < heatPoints; k++) {
            out.add(MeteringPoint.newBuilder().setId(heatId(k)).setCarrier(Carrier.DISTRICT_HEATING).setUtilityId(VallensbaekRegister.HEAT_COMPANY)
                    .setMunicipalityCode(municipality(k)).setGpcSector(sectorOfHeat(k)).setMunicipalOperation(k % 41 == 0)
                    .setPriceArea(null).setSupplyAreaId(VallensbaekRegister.SUPPLY_AREA).build());
        }
        for (int l = 0; l < latencyPoints; l++) {
            out.add(electricity(latencyId(l), LATENCY_MUNICIPALITY, LATENCY_SECTOR, false));
        }
        return out;
    }

    private static MeteringPoint electricity(String id, String municipality, String sector, boolean municipal) {
        return MeteringPoint.newBuilder().setId(id).setCarrier(Carrier.ELECTRICITY).setUtilityId(VallensbaekRegister.GRID_COMPANY)
                .setMunicipalityCode(municipality).setGpcSector(sector).setMunicipalOperation(municipal)
                .setPriceArea(PriceArea.DK2).setSupplyAreaId(null).build();
    }
}
