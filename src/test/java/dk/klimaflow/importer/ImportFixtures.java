package dk.klimaflow.importer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of the test data (src/test/resources/data, see its PROVENANCE.md) and small inline files for bad-row cases. */
final class ImportFixtures {
    static final Path DATA = Path.of(System.getProperty("klimaflow.project.dir", System.getProperty("user.dir")))
            .resolve("src/test/resources/data").normalize();

    private ImportFixtures() {
    }

    static Path data(String relative) {
        return DATA.resolve(relative);
    }

    static Path write(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    static ImportProgress quiet() {
        return new ImportProgress(null, false, 5, "test", 0);
    }
}
