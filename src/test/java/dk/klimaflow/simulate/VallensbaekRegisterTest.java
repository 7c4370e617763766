package dk.klimaflow.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.MeteringPoint;
import dk.klimaflow.avro.PriceArea;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class VallensbaekRegisterTest {
    private static final VallensbaekRegister FULL = VallensbaekRegister.generate(187);

    @Test
    void shouldHoldNineThousandElectricityPointsAndFourAndAHalfThousandHeatMeters() {
        assertThat(FULL.electricity()).hasSize(9_000);
        assertThat(FULL.districtHeating()).hasSize(4_500);
        assertThat(FULL.size()).isEqualTo(13_500);
    }

    @Test
    void shouldSpreadElectricityOverSectorsWithResidentialTheLargest() {
        Map<String, Long> bySector = FULL.electricity().stream().collect(Collectors.groupingBy(MeteringPoint::getGpcSector, Collectors.counting()));
        assertThat(bySector).containsOnlyKeys("I.1", "I.2", "I.3", "II.1");
        assertThat(bySector.get("I.1")).isGreaterThan(9_000 * 8 / 10);
        assertThat(bySector.get("I.2")).isBetween(500L, 1_200L);
        assertThat(bySector.get("I.3")).isBetween(50L, 500L);
        assertThat(bySector.get("II.1")).isBetween(50L, 500L);
        Map<String, Long> heat = FULL.districtHeating().stream().collect(Collectors.groupingBy(MeteringPoint::getGpcSector, Collectors.counting()));
        assertThat(heat).containsOnlyKeys("I.1", "I.2");
        assertThat(heat.get("I.1")).isGreaterThan(heat.get("I.2") * 5);
    }

    @Test
    void shouldFlagSixtyMunicipalElectricityPointsInCommercialAndInstitutional() {
        List<MeteringPoint> municipal = FULL.electricity().stream().filter(MeteringPoint::getMunicipalOperation).toList();
        assertThat(municipal).hasSize(60).allMatch(p -> p.getGpcSector().equals("I.2"));
        assertThat(FULL.districtHeating()).anyMatch(MeteringPoint::getMunicipalOperation);
    }

    @Test
    void shouldGiveUniqueValidGsrnsInDk2ToTheGridCompany() {
        assertThat(FULL.meteringPoints().stream().map(MeteringPoint::getId).distinct().count()).isEqualTo(13_500);
        assertThat(FULL.electricity()).allSatisfy(p -> {
            assertThat(p.getId()).hasSize(18).startsWith(Gsrn.PREFIX);
            assertThat(Gsrn.isValid(p.getId())).as(p.getId()).isTrue();
            assertThat(p.getPriceArea()).isEqualTo(PriceArea.DK2);
            assertThat(p.getSupplyAreaId()).isNull();
            assertThat(p.getUtilityId()).isEqualTo(VallensbaekRegister.GRID_COMPANY);
            assertThat(p.getMunicipalityCode()).isEqualTo("0187");
        });
        assertThat(Gsrn.isValid(VallensbaekRegister.GRID_COMPANY)).isTrue();
    }

    @Test
    void shouldPutHeatMetersInTheVeksSupplyAreaWithoutPriceArea() {
        assertThat(FULL.districtHeating()).allSatisfy(p -> {
            assertThat(p.getCarrier()).isEqualTo(Carrier.DISTRICT_HEATING);
            assertThat(p.getPriceArea()).isNull();
            assertThat(p.getSupplyAreaId()).isEqualTo("VEKS-VALLENSBAEK");
            assertThat(p.getUtilityId()).isEqualTo("vallensbaek-fjernvarme");
        });
    }

    @Test
    void shouldGiveHouseholdsAbout4000KWhOfElectricityAnd15MWhOfHeat() {
        assertThat(meanAnnual(FULL.electricity(), "I.1")).isBetween(3_500.0, 4_600.0);
        assertThat(meanAnnual(FULL.districtHeating(), "I.1")).isBetween(13_000.0, 17_000.0);
        assertThat(meanAnnual(FULL.electricity(), "I.3")).isGreaterThan(meanAnnual(FULL.electricity(), "I.2"));
    }

    @Test
    void shouldScaleDownKeepingEverySectorAndAMunicipalPoint() {
        VallensbaekRegister small = VallensbaekRegister.generate(187, 0.01);
        assertThat(small.electricity()).hasSizeBetween(85, 95);
        assertThat(small.districtHeating()).hasSizeBetween(42, 48);
        assertThat(small.electricity().stream().map(MeteringPoint::getGpcSector).distinct()).containsExactlyInAnyOrder("I.1", "I.2", "I.3", "II.1");
        assertThat(small.electricity()).anyMatch(MeteringPoint::getMunicipalOperation);
        assertThatThrownBy(() -> VallensbaekRegister.generate(1, 0)).hasMessageContaining("scale");
    }

    @Test
    void shouldBeTheSameForTheSameSeedAndDifferForAnother() {
        assertThat(VallensbaekRegister.generate(187, 0.05).meteringPoints()).isEqualTo(VallensbaekRegister.generate(187, 0.05).meteringPoints());
        assertThat(VallensbaekRegister.generate(188, 0.05).meteringPoints()).isNotEqualTo(VallensbaekRegister.generate(187, 0.05).meteringPoints());
    }

    private static double meanAnnual(List<MeteringPoint> points, String sector) {
        return points.stream().filter(p -> p.getGpcSector().equals(sector)).mapToDouble(p -> FULL.annualKwh(p.getId())).average().orElseThrow();
    }
}
