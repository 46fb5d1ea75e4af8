package org.heaviside;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/style.md: each package has a package-info.java of one to three sentences. */
class PackageInfoTest {

    @Test
    void everyPackageInMainHasAPackageInfo() throws IOException {
        Path root = Path.of("src", "main", "java");
        List<String> missing;
        try (Stream<Path> folders = Files.walk(root)) {
            missing = folders.filter(Files::isDirectory).filter(PackageInfoTest::holdsJava)
                    .filter(folder -> !Files.isRegularFile(folder.resolve("package-info.java")))
                    .map(folder -> root.relativize(folder).toString()).sorted().toList();
        }
        assertThat(missing).as("packages without package-info.java").isEmpty();
    }

    private static boolean holdsJava(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(file -> file.getFileName().toString().endsWith(".java"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
