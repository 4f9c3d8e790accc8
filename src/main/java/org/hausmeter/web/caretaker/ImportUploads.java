package org.hausmeter.web.caretaker;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Holds an uploaded CSV file between its preview and the caretaker's "import" click: the preview
 * page carries only a random token, never the file. A token is good for an hour on the server's {@link Clock}
 * (so a test server on a pinned clock sees the same expiry as its pages); then its file is removed. The
 * directory is shared by every server on the machine: files this server did not keep (left by an earlier
 * run or kept by another server) are removed only when their modification time, a system-clock time, is more
 * than an hour old.
 */
@ApplicationScoped
class ImportUploads {

    static final Duration KEEP = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final Clock clock;
    private final Map<String, Instant> keptAt = new ConcurrentHashMap<>();

    ImportUploads(Clock clock) {
        this.dir = Path.of(System.getProperty("java.io.tmpdir"), "hausmeter-csv-uploads");
        this.clock = clock;
    }

    /** Moves the upload into the store and returns its token. */
    String keep(Path upload) {
        try {
            Files.createDirectories(dir);
            clean();
            byte[] b = new byte[18];
            RANDOM.nextBytes(b);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
            Files.copy(upload, dir.resolve(token + ".csv"), StandardCopyOption.REPLACE_EXISTING);
            keptAt.put(token, clock.instant());
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the uploaded file: " + e.getMessage(), e);
        }
    }

    /** The file of a token, if it is still kept. */
    Optional<Path> file(String token) {
        if (token == null || !token.matches("[A-Za-z0-9_-]{24}") || !current(token)) {
            return Optional.empty();
        }
        Path p = dir.resolve(token + ".csv");
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    void forget(String token) {
        file(token).ifPresent(p -> {
            keptAt.remove(token);
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // removed by the next clean-up
            }
        });
    }

    /** True when this server kept the token less than {@link #KEEP} ago on its clock. */
    private boolean current(String token) {
        Instant at = keptAt.get(token);
        return at != null && clock.instant().isBefore(at.plus(KEEP));
    }

    private void clean() throws IOException {
        long fileLimitMillis = System.currentTimeMillis() - KEEP.toMillis();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                String token = name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
                boolean ours = keptAt.containsKey(token);
                if (ours ? !current(token) : Files.getLastModifiedTime(p).toMillis() < fileLimitMillis) {
                    keptAt.remove(token);
                    Files.deleteIfExists(p);
                }
            }
        }
        keptAt.keySet().removeIf(token -> !current(token));
    }
}
