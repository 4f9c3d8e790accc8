package org.hausmeter.web.caretaker;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Holds an uploaded CSV file between its preview and the caretaker's "import" click: the preview
 * page carries only a random token, never the file. Files older than an hour are removed.
 */
@ApplicationScoped
class ImportUploads {

    static final Duration KEEP = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;

    ImportUploads() {
        this.dir = Path.of(System.getProperty("java.io.tmpdir"), "hausmeter-csv-uploads");
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
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the uploaded file: " + e.getMessage(), e);
        }
    }

    /** The file of a token, if it is still kept. */
    Optional<Path> file(String token) {
        if (token == null || !token.matches("[A-Za-z0-9_-]{24}")) {
            return Optional.empty();
        }
        Path p = dir.resolve(token + ".csv");
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    void forget(String token) {
        file(token).ifPresent(p -> {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // removed by the next clean-up
            }
        });
    }

    private void clean() throws IOException {
        Instant limit = Instant.now().minus(KEEP);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                if (Files.getLastModifiedTime(p).toInstant().isBefore(limit)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
