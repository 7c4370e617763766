package dk.klimaflow.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.klimaflow.avro.Carrier;
import dk.klimaflow.avro.Edition;
import dk.klimaflow.avro.EmissionFactor;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class EdsDeclarationCsvTest {
    /** Real Energi Data Service samples, copied into the repository with their provenance (data/PROVENANCE.md). */
    private static final Path DATA = Path.of(System.getProperty("klimaflow.project.dir", System.getProperty("user.dir")))
            .resolve("src/test/resources/data/eds_declaration_grid_emission").normalize();

    @Test
    void shouldReadEveryRowOfTheRealOctober2023SampleIntoDistinctUtcHours() throws Exception {
        List<EmissionFactor> factors = EdsDeclarationCsv.read(sample("DeclarationGridEmission_125pct_DK2_2023-10_subset.csv"));

        assertThat(factors).hasSize(745);
        assertThat(factors.stream().map(EmissionFactor::getValidFrom).distinct()).hasSize(745);
        assertThat(factors).allSatisfy(f -> {
            assertThat(f.getCarrier()).isEqualTo(Carrier.ELECTRICITY);
            assertThat(f.getArea()).isEqualTo("DK2");
            assertThat(f.getMethod()).isEqualTo("125%");
            assertThat(f.getEdition()).isEqualTo(Edition.DECLARATION);
            assertThat(Duration.between(f.getValidFrom(), f.getValidTo())).isEqualTo(Duration.ofHours(1));
        });
        List<Instant> sorted = factors.stream().map(EmissionFactor::getValidFrom).sorted().toList();
        assertThat(sorted.get(0)).isEqualTo(Instant.parse("2023-09-30T22:00:00Z"));
        assertThat(sorted.get(744)).isEqualTo(Instant.parse("2023-10-31T22:00:00Z"));
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(Duration.between(sorted.get(i - 1), sorted.get(i))).as("gap before " + sorted.get(i)).isEqualTo(Duration.ofHours(1));
        }
        // newest first: HourDK 2023-10-31T23:00 is 22:00 UTC (CET)
        assertThat(factors.get(0).getValidFrom()).isEqualTo(Instant.parse("2023-10-31T22:00:00Z"));
        assertThat(factors.get(0).getGramsCo2ePerKWh()).isEqualTo(34.10965);
    }

    @Test
    void shouldTellTheTwoFallBackHoursApartByTheirOrder() throws Exception {
        List<EmissionFactor> factors = EdsDeclarationCsv.read(sample("DeclarationGridEmission_125pct_DK2_2023-10_subset.csv"));

        // HourDK 2023-10-29T03:00 (CET) 53.239043, then 02:00 twice: the first row is the later hour (CET, 01:00 UTC)
        assertThat(grams(factors, "2023-10-29T02:00:00Z")).isEqualTo(53.239043);
        assertThat(grams(factors, "2023-10-29T01:00:00Z")).isEqualTo(50.232466);
        assertThat(grams(factors, "2023-10-29T00:00:00Z")).isEqualTo(47.573044);
        assertThat(grams(factors, "2023-10-28T23:00:00Z")).isEqualTo(39.59532);
    }

    @Test
    void shouldReadTheTwoYearFileWithBothPriceAreas() throws Exception {
        List<EmissionFactor> factors = EdsDeclarationCsv.read(sample("DeclarationEmissionHour.csv"));

        assertThat(factors).hasSize(35_568);
        assertThat(factors.stream().map(f -> f.getArea() + f.getValidFrom()).distinct()).hasSize(35_568);
        assertThat(factors.stream().filter(f -> f.getArea().equals("DK1"))).hasSize(17_784);
    }

    @Test
    void shouldGiveTheFirstFallBackRowTheEarlierHourWhenSortedOldestFirst() throws Exception {
        String csv = "HourDK,PriceArea,FuelAllocationMethod,CO2PerkWh\n"
                + "2023-10-29T01:00:00,DK2,125%,1\n2023-10-29T02:00:00,DK2,125%,2\n2023-10-29T02:00:00,DK2,125%,3\n2023-10-29T03:00:00,DK2,125%,4\n";
        List<EmissionFactor> factors = EdsDeclarationCsv.read(new StringReader(csv), "inline");

        assertThat(factors).extracting(f -> f.getValidFrom().toString())
                .containsExactly("2023-10-28T23:00:00Z", "2023-10-29T00:00:00Z", "2023-10-29T01:00:00Z", "2023-10-29T02:00:00Z");
    }

    @Test
    void shouldRejectAnHourThatDoesNotExistInDanishTime() {
        String csv = "HourDK,PriceArea,FuelAllocationMethod,CO2PerkWh\n2023-03-26T03:00:00,DK2,125%,1\n2023-03-26T02:00:00,DK2,125%,2\n";

        assertThatThrownBy(() -> EdsDeclarationCsv.read(new StringReader(csv), "inline"))
                .hasMessageContaining("inline line 3").hasMessageContaining("does not exist");
    }

    @Test
    void shouldNameTheMissingColumn() {
        assertThatThrownBy(() -> EdsDeclarationCsv.read(new StringReader("HourDK,PriceArea,CO2PerkWh\n"), "inline"))
                .hasMessageContaining("FuelAllocationMethod");
    }

    private static Path sample(String name) {
        Path file = DATA.resolve(name);
        assertThat(file).as("sample data in the repository").isReadable();
        return file;
    }

    private static double grams(List<EmissionFactor> factors, String validFrom) {
        return factors.stream().filter(f -> f.getValidFrom().equals(Instant.parse(validFrom))).max(Comparator.comparing(EmissionFactor::getValidTo))
                .orElseThrow().getGramsCo2ePerKWh();
    }
}
