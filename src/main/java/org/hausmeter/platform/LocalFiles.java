package org.hausmeter.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The data directory belongs to the server's user alone: directories {@code rwx------} (0700), secrets
 * {@code rw-------} (0600), and nothing below it writable by group or others (the embedded PostgreSQL's
 * binaries in {@code runtime/} are executed by the server). Missing directories are created so; wrong
 * permissions found at start are fixed and reported, so the operator sees that something had loosened them.
 * <p>
 * On a file system without POSIX permissions nothing is checked or changed.
 */
final class LocalFiles {

    static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> SECRET = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS_WRITE =
            EnumSet.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    private LocalFiles() {}

    /** Creates {@code dir} (and missing parents) with 0700 for the directories this creates. */
    static Path createPrivateDirectories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            return absolute;
        }
        Path parent = absolute.getParent();
        if (parent != null && !Files.exists(parent)) {
            createPrivateDirectories(parent);
        }
        try {
            Files.createDirectory(absolute);
            setPermissions(absolute, PRIVATE_DIR);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(absolute)) {
                throw e;
            }
        }
        return absolute;
    }

    /**
     * Sets {@code path} to exactly {@code wanted} if it has other permissions; says what was fixed in {@code fixed}.
     * A link is followed (a data directory may be a link to another disk): what counts is what it points to.
     */
    static void ensureExactly(Path path, Set<PosixFilePermission> wanted, List<String> fixed) throws IOException {
        Set<PosixFilePermission> now;
        try {
            now = Files.getPosixFilePermissions(path);
        } catch (UnsupportedOperationException | java.nio.file.NoSuchFileException e) {
            now = null;
        }
        if (now != null && !now.equals(wanted)) {
            setPermissions(path, wanted);
            fixed.add("[" + path + "] was " + PosixFilePermissions.toString(now) + ", now "
                    + PosixFilePermissions.toString(wanted));
        }
    }

    /**
     * Removes group and others' write permission from {@code dir} and everything below it (links are not followed);
     * one line in {@code fixed} per tree, naming how many entries changed and the first of them.
     */
    static void removeGroupAndOthersWrite(Path dir, List<String> fixed) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<String> changed = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Set<PosixFilePermission> now = permissions(p);
                if (now == null || Files.isSymbolicLink(p) || now.stream().noneMatch(GROUP_OR_OTHERS_WRITE::contains)) {
                    continue;
                }
                Set<PosixFilePermission> fixedPermissions = EnumSet.copyOf(now);
                fixedPermissions.removeAll(GROUP_OR_OTHERS_WRITE);
                setPermissions(p, fixedPermissions);
                changed.add("[" + p + "] was " + PosixFilePermissions.toString(now));
            }
        }
        if (!changed.isEmpty()) {
            fixed.add("Removed group/others' write permission from " + changed.size() + " file(s) under [" + dir
                    + "], e.g. " + changed.get(0));
        }
    }

    /**
     * The secret in {@code dataDir/fileName}, created first if missing: 32 random bytes, URL-safe Base64 without
     * padding (usable in a Redis URL and an SQL literal), mode 0600. A file another process created at the same
     * moment wins.
     */
    static String secret(Path dataDir, String fileName) throws IOException {
        return secret(dataDir, fileName, () -> {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        });
    }

    /** As {@link #secret(Path, String)} with a value of the caller's making. */
    static String secret(Path dataDir, String fileName, java.util.function.Supplier<String> generator)
            throws IOException {
        createPrivateDirectories(dataDir);
        Path file = dataDir.resolve(fileName);
        if (!Files.exists(file)) {
            Path tmp = Files.createTempFile(dataDir, fileName, ".tmp");
            try {
                setPermissions(tmp, SECRET);
                Files.writeString(
                        tmp, generator.get() + "\n", StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
                try {
                    Files.createLink(file, tmp);
                } catch (FileAlreadyExistsException e) {
                    // Another process was first: use its secret.
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        String value = Files.readString(file, StandardCharsets.US_ASCII).trim();
        if (value.length() < 16) {
            throw new IOException("The secret in [" + file + "] is shorter than 16 characters");
        }
        return value;
    }

    /** The permissions of {@code path} (links not followed), or null when the file system has none or it is gone. */
    static Set<PosixFilePermission> permissions(Path path) throws IOException {
        try {
            return Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | java.nio.file.NoSuchFileException e) {
            return null;
        }
    }

    private static void setPermissions(Path path, Set<PosixFilePermission> permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, permissions);
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: nothing to set.
        }
    }
}
