package org.hausmeter.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every way the server is shipped starts the JVM with {@code -XX:+ExitOnOutOfMemoryError}: out of memory, the
 * process exits and systemd or Docker starts it again (docs/operator-guide.md, "Memory"). Reads the files as
 * shipped; the build runs in the repository's root.
 */
class ShippedStartCommandsTest {

    private static final String FLAG = "-XX:+ExitOnOutOfMemoryError";

    @Test
    void everySystemdUnit_startsJavaWithTheFlag() throws IOException {
        List<Path> units;
        try (Stream<Path> files = Files.walk(Path.of("install"))) {
            units = files.filter(p -> p.toString().endsWith(".service")).toList();
        }
        assertThat(units).isNotEmpty();
        for (Path unit : units) {
            List<String> starts = Files.readAllLines(unit).stream()
                    .filter(l -> l.startsWith("ExecStart="))
                    .toList();
            assertThat(starts)
                    .as(unit.toString())
                    .isNotEmpty()
                    // install.sh writes the bundle's Java runtime path where the unit says @JAVA@.
                    .allSatisfy(
                            l -> assertThat(l).containsAnyOf("java ", "@JAVA@ ").contains(FLAG + " "));
        }
    }

    @Test
    void theDockerImage_startsJavaWithTheFlag_outsideJavaOpts() throws IOException {
        List<String> entrypoints = Files.readAllLines(Path.of("docker/Dockerfile.jvm")).stream()
                .filter(l -> l.startsWith("ENTRYPOINT"))
                .toList();
        assertThat(entrypoints).hasSize(1);
        assertThat(entrypoints.get(0)).contains("exec java " + FLAG + " $JAVA_OPTS");
        // The arguments of `docker run IMAGE create-caretaker NAME` reach the server ("$@" after the script's $0).
        assertThat(entrypoints.get(0)).contains("\\\"$@\\\"").endsWith("\"hausmeter\"]");
        List<String> cmds = Files.readAllLines(Path.of("docker/Dockerfile.jvm")).stream()
                .filter(l -> l.startsWith("CMD"))
                .toList();
        assertThat(cmds).as("no java start hidden in CMD").noneMatch(l -> l.contains("java"));
    }
}
