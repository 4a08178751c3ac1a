package io.cutover.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Copies a fixture folder of src/test/resources/fixtures/folders somewhere a test may change it. */
final class FixtureFolders {
    private FixtureFolders() {}

    static Path copy(String fixture, Path to) {
        try {
            Path from = Path.of(FixtureFolders.class
                    .getResource("/fixtures/folders/" + fixture)
                    .toURI());
            Files.createDirectories(to);
            try (Stream<Path> files = Files.list(from)) {
                for (Path f : files.toList()) {
                    Files.copy(f, to.resolve(f.getFileName()));
                }
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
