package dk.klimaflow.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dk.klimaflow.avro.Edition;
import dk.klimaflow.avro.EmissionFactor;
import dk.klimaflow.config.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

/**
 * Where the real Energi Data Service sample covers an hour, the simulator's DK2 factor for it is the sample's value: checked
 * against the test copy of the October 2023 DK2 subset ({@code src/test/resources/data/eds_declaration_grid_emission}),
 * read here by plain string splitting (HourDK newest first, so the first of the two 02:00 rows of 29 October is the later
 * hour), not by the importer the simulator uses.
 */
class RealElectricityFactorsTest {
    static final Path SAMPLE = Path.of("src/test/resources/data/eds_declaration_grid_emission/DeclarationGridEmission_125pct_DK2_2023-10_subset.csv");

    /** UTC hour start -> CO2PerkWh of every row of the sample. */
    static Map<Instant, Double> sample() throws IOException {
        Map<Instant, Double> out = new LinkedHashMap<>();
        Set<LocalDateTime> seen = new HashSet<>();
        List<String> lines = Files.readAllLines(SAMPLE, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            LocalDateTime local = LocalDateTime.parse(f[0]);
            ZonedDateTime zoned = ZonedDateTime.of(local, LoadProfile.ZONE);
            Instant hour = seen.add(local) ? zoned.withLaterOffsetAtOverlap().toInstant() : zoned.withEarlierOffsetAtOverlap().toInstant();
            out.put(hour, Double.parseDouble(f[3]));
        }
        return out;
    }

    @Test
    void shouldGiveTheSamplesValueForEveryHourOfOctober2023AsACo2OnlyDeclaration() throws IOException {
        Map<Instant, Double> sample = sample();
        FactorFeed feed = new FactorFeed(187);

        assertThat(sample).hasSize(745);
        sample.forEach((hour, grams) -> {
            EmissionFactor f = feed.declared(hour).orElseThrow(() -> new AssertionError("no real factor for " + hour));
            assertThat(f.getGramsCo2ePerKWh()).as("hour %s", hour).isEqualTo(grams);
            assertThat(f.getValidFrom()).isEqualTo(hour);
            assertThat(f.getEdition()).isEqualTo(Edition.DECLARATION);
            assertThat(f.getArea()).isEqualTo("DK2");
            assertThat(f.getMethod()).isEqualTo("125%");
            assertThat(f.getSource()).contains("Energi Data Service").endsWith("basis=CO2-only");
            assertThat(feed.electricityGrams(hour, Edition.ACTUAL)).isEqualTo(grams);
        });
        assertThat(sample.get(Instant.parse("2023-10-29T00:00:00Z"))).isEqualTo(47.573044);
        assertThat(sample.get(Instant.parse("2023-10-29T01:00:00Z"))).isEqualTo(50.232466);
        assertThat(RealElectricityFactors.hours()).isEqualTo(17_784);
    }

    @Test
    void shouldPublishTheRealDeclarationInsteadOfASimulatedActualForACoveredHour() throws IOException {
        Map<Instant, Double> sample = sample();
        RecordingFeedSink sink = new RecordingFeedSink();
        Instant from = Instant.parse("2023-10-28T22:00:00Z");
        new UtilityFeedSimulator(sink, VallensbaekRegister.generate(187, 0.001), SimulationConfig.clean(1)).backfill(from, from.plusSeconds(5 * 3_600));

        List<EmissionFactor> dk2 = sink.values(Topics.EMISSION_FACTORS, EmissionFactor.class).stream().filter(f -> f.getArea().equals("DK2")).toList();
        List<EmissionFactor> declared = dk2.stream().filter(f -> f.getEdition() == Edition.DECLARATION).toList();
        assertThat(dk2).noneMatch(f -> f.getEdition() == Edition.ACTUAL);
        assertThat(declared).extracting(EmissionFactor::getValidFrom)
                .containsExactly(from, from.plusSeconds(3_600), from.plusSeconds(7_200), from.plusSeconds(10_800), from.plusSeconds(14_400));
        assertThat(declared).allSatisfy(f -> assertThat(f.getGramsCo2ePerKWh()).isEqualTo(sample.get(f.getValidFrom())));
        assertThat(FactorFeed.key(declared.get(2))).isEqualTo("ELECTRICITY|DK2|125%|DECLARATION|2023-10-29T00:00:00Z");
        assertThat(dk2.stream().filter(f -> f.getEdition() == Edition.FORECAST && sample.containsKey(f.getValidFrom())))
                .isNotEmpty()
                .allSatisfy(f -> assertThat(f.getGramsCo2ePerKWh()).isCloseTo(sample.get(f.getValidFrom()), Percentage.withPercentage(15)));
    }

    @Test
    void shouldKeepSimulatingHoursTheSampleDoesNotCover() {
        FactorFeed feed = new FactorFeed(187);
        assertThat(feed.declared(Instant.parse("2024-01-11T22:00:00Z"))).isPresent();
        assertThat(feed.declared(Instant.parse("2024-01-11T23:00:00Z"))).isEmpty();
        assertThat(feed.declared(Instant.parse("2021-12-31T22:00:00Z"))).isEmpty();
        assertThat(feed.electricity(Instant.parse("2026-11-30T08:00:00Z"), Edition.ACTUAL).getSource()).isEqualTo(FactorFeed.SOURCE);
    }
}
