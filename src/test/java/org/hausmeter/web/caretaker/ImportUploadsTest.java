package org.hausmeter.web.caretaker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.hausmeter.support.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportUploadsTest {

    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-10T08:00:00Z"));
    private final ImportUploads uploads = new ImportUploads(clock);

    @Test
    void aToken_isGoodForAnHourOnTheServersClock_thenItsFileIsRemoved() throws Exception {
        String token = uploads.keep(upload("a.csv"));
        Path kept = uploads.file(token).orElseThrow();
        assertThat(kept).hasContent("meter,kwh");

        clock.advance(ImportUploads.KEEP.minusNanos(1));
        assertThat(uploads.file(token)).contains(kept);
        clock.advance(Duration.ofNanos(1));
        assertThat(uploads.file(token)).isEmpty();

        String next = uploads.keep(upload("b.csv"));
        assertThat(kept).doesNotExist();
        assertThat(uploads.file(next)).isPresent();
        uploads.forget(next);
        assertThat(uploads.file(next)).isEmpty();
    }

    @Test
    void unknownOrMalformedTokens_haveNoFile() {
        assertThat(uploads.file(null)).isEmpty();
        assertThat(uploads.file("../../etc/passwd")).isEmpty();
        assertThat(uploads.file("AAAAAAAAAAAAAAAAAAAAAAAA")).isEmpty();
    }

    private Path upload(String name) throws Exception {
        return Files.writeString(tmp.resolve(name), "meter,kwh");
    }
}
