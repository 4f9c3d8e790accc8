package org.hausmeter.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hausmeter.platform.EmbeddedServersTest.permissions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Private directories and secrets of the data directory, and the fixing of loosened permissions. */
class LocalFilesTest {

    @TempDir
    Path tmp;

    @Test
    void newDirectoriesAreTheOwnersAlone_andSecretsAre0600() throws Exception {
        Path data = LocalFiles.createPrivateDirectories(tmp.resolve("a/b/data"));
        assertThat(permissions(tmp.resolve("a"))).isEqualTo("rwx------");
        assertThat(permissions(data)).isEqualTo("rwx------");
        String secret = LocalFiles.secret(data, "x.password");
        assertThat(secret).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(permissions(data.resolve("x.password"))).isEqualTo("rw-------");
        assertThat(LocalFiles.secret(data, "x.password")).isEqualTo(secret);
    }

    @Test
    void loosenedPermissionsAreFixed_andEachFixIsReported_linksCountForWhatTheyPointTo() throws Exception {
        Path real = Files.createDirectories(tmp.resolve("disk/data"));
        Path link = Files.createSymbolicLink(tmp.resolve("data"), real);
        List<String> fixed = new ArrayList<>();
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rwx------"));
        LocalFiles.ensureExactly(link, LocalFiles.PRIVATE_DIR, fixed);
        assertThat(fixed).as("the link's own rwxrwxrwx does not count").isEmpty();

        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rwxr-xr-x"));
        LocalFiles.ensureExactly(link, LocalFiles.PRIVATE_DIR, fixed);
        assertThat(fixed).containsExactly("[" + link + "] was rwxr-xr-x, now rwx------");
        assertThat(permissions(real)).isEqualTo("rwx------");

        Path runtime = Files.createDirectories(real.resolve("runtime/bin"));
        Path binary = Files.writeString(runtime.resolve("postgres"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwxrwxr-x"));
        fixed.clear();
        LocalFiles.removeGroupAndOthersWrite(real.resolve("runtime"), fixed);
        assertThat(fixed).hasSize(1);
        assertThat(fixed.get(0))
                .startsWith("Removed group/others' write permission from 2 file(s) under [" + real.resolve("runtime")
                        + "]");
        assertThat(permissions(binary)).isEqualTo("rwxr-xr-x");
        assertThat(permissions(runtime)).isEqualTo("rwxr-xr-x");
        fixed.clear();
        LocalFiles.removeGroupAndOthersWrite(real.resolve("runtime"), fixed);
        assertThat(fixed).as("nothing left to fix").isEmpty();
    }
}
