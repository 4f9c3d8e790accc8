package org.hausmeter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Hausmeter runs with the internet unplugged: no page or asset may load anything from outside. */
class OfflineAssetsTest {

    private static final Pattern EXTERNAL = Pattern.compile("(?i)(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}[/\"' )]");

    @Test
    void templatesAndStaticAssets_referToNoExternalUrl() throws IOException {
        List<Path> roots = List.of(Path.of("templates"), Path.of("src/main/resources/META-INF/resources"));
        StringBuilder offenders = new StringBuilder();
        int files = 0;
        for (Path root : roots) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path p : paths.filter(Files::isRegularFile).toList()) {
                    files++;
                    List<String> lines = Files.readAllLines(p);
                    for (int i = 0; i < lines.size(); i++) {
                        if (EXTERNAL.matcher(lines.get(i)).find()) {
                            offenders
                                    .append(p)
                                    .append(':')
                                    .append(i + 1)
                                    .append(": ")
                                    .append(lines.get(i).trim())
                                    .append('\n');
                        }
                    }
                }
            }
        }
        assertThat(files).as("templates and assets found").isGreaterThan(2);
        assertThat(offenders.toString()).as("external URLs").isEmpty();
    }
}
