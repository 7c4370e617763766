package dk.klimaflow.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.MeteringPoint;
import dk.klimaflow.avro.MeteringPointType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DataHub type codes and the default of a metering point without a type (consumption). */
class MeteringPointTypesTest {
    @Test
    void shouldBuildAMeteringPointWithoutTheTypeBeforeAnythingTrustsTheGeneratedClasses() {
        // a builder resolves the schema default of every field left unset: a non-null enum default would make Avro load the
        // enum class, which it refuses until AvroTrust has run (the simulator builds its register before any serde exists)
        MeteringPoint mp = MeteringPoint.newBuilder().setId("571313100000000001").setCarrier(Carrier.ELECTRICITY).setUtilityId("u").setMunicipalityCode("0187")
                .setGpcSector("I.1").setMunicipalOperation(false).build();
        assertThat(mp.getType()).isNull();
        assertThat(MeteringPointTypes.consumption(mp)).isTrue();
    }

    @Test
    void shouldParseDataHubTypeCodes() {
        assertThat(List.of("", "E17", "e18", " E20 ", "D01", "D99").stream().map(dk.klimaflow.domain.MeteringPointTypes::parse).toList())
                .containsExactly(MeteringPointType.E17, MeteringPointType.E17, MeteringPointType.E18, MeteringPointType.E20,
                        MeteringPointType.D, MeteringPointType.D);
        assertThat(MeteringPointTypes.parse("E19")).isNull();
        assertThat(MeteringPointTypes.parse("D1")).isNull();
    }
}
