package org.hausmeter.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionKeyTest {

    @TempDir
    Path dir;

    @Test
    void firstStart_createsAPrivateKey_laterStartsReadTheSameKey() throws Exception {
        Path data = dir.resolve("data");
        String key = SessionKey.ensure(data);
        assertThat(key).hasSizeGreaterThanOrEqualTo(40);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(SessionKey.FILE))))
                .isEqualTo("rw-------");
        assertThat(SessionKey.ensure(data)).isEqualTo(key);
        assertThat(SessionKey.ensure(dir.resolve("other"))).isNotEqualTo(key);
        try (var files = Files.list(data)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(SessionKey.FILE);
        }
    }
}
