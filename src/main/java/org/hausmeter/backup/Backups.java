package org.hausmeter.backup;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Nightly backups of the database ({@link DatabaseArchive}) into a directory (a USB disk, a NAS mount), the newest
 * {@code keep} kept; each attempt is a row in {@code backup_run}, shown on the caretaker's overview
 * ({@code {inject:backups.status}}) and in {@code /q/health} ({@link BackupHealthCheck}).
 * <p>
 * A file is written as {@code NAME.part}, synced and renamed when complete, so a file with the final name is
 * always whole; a {@code NAME.sha256} beside it holds its checksum in {@code sha256sum} format.
 */
@ApplicationScoped
@Named("backups")
public class Backups {

    private static final Logger LOG = Logger.getLogger(Backups.class);
    static final String PREFIX = "hausmeter-backup-";
    static final String SUFFIX = ".zip";
    private static final java.util.Set<java.nio.file.attribute.PosixFilePermission> OWNER_ONLY =
            PosixFilePermissions.fromString("rw-------");
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** One attempt. {@code file}, {@code size} and {@code sha256} are null when it failed, {@code error} when it worked. */
    public record Run(
            Instant startedAt, Instant finishedAt, boolean ok, String file, Long size, String sha256, String error) {
        /** The size in MB with one decimal (for the overview), null when it failed. */
        public java.math.BigDecimal megabytes() {
            return size == null
                    ? null
                    : java.math.BigDecimal.valueOf(size)
                            .divide(java.math.BigDecimal.valueOf(1 << 20), 1, java.math.RoundingMode.HALF_UP);
        }
    }

    /**
     * What the overview and the health check show.
     *
     * @param directory  where backups go, null when none is configured
     * @param last       the newest attempt, null before the first
     * @param lastOk     the newest attempt that worked, null before the first
     * @param problem    null when all is well, else "failed" (the newest attempt failed) or "stale" (no backup for
     *                   longer than the allowed age) or "none" (no directory configured)
     */
    public record Status(String directory, Run last, Run lastOk, String problem) {
        public boolean good() {
            return problem == null;
        }
    }

    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final Optional<Path> directory;
    private final int keep;
    private final Duration maxAge;
    private final Instant startedAt;
    /** The directory was configured (a disk or mount point), not the default under the data directory. */
    private final boolean explicit;

    Backups(
            AgroalDataSource dataSource,
            Clock clock,
            @ConfigProperty(name = "hausmeter.backup.dir") Optional<String> dir,
            @ConfigProperty(name = "hausmeter.embedded.data-dir") Optional<String> dataDir,
            @ConfigProperty(name = "hausmeter.embedded.postgres", defaultValue = "false") boolean embeddedPostgres,
            @ConfigProperty(name = "hausmeter.backup.keep", defaultValue = "14") int keep,
            @ConfigProperty(name = "hausmeter.backup.max-age", defaultValue = "P2D") Duration maxAge) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.directory = dir.filter(d -> !d.isBlank())
                .map(Path::of)
                .or(() -> dataDir.filter(d -> embeddedPostgres && !d.isBlank())
                        .map(d -> Path.of(d).resolve("backups")));
        this.keep = Math.max(1, keep);
        this.maxAge = maxAge;
        this.startedAt = clock.instant();
        this.explicit = dir.filter(d -> !d.isBlank()).isPresent();
    }

    public Optional<Path> directory() {
        return directory;
    }

    @Scheduled(
            cron = "${hausmeter.backup.cron}",
            identity = "backup",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void nightly() {
        if (directory.isEmpty()) {
            return;
        }
        Run run = backUp();
        if (run.ok()) {
            LOG.infof("Backup written: %s (%d bytes)", run.file(), run.size());
        } else {
            LOG.errorf("Backup failed: %s", run.error());
        }
    }

    /** Backs up now into the configured directory and records the attempt; never throws for a failed backup. */
    public synchronized Run backUp() {
        Instant start = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Run run;
        try {
            Path dir = directory.orElseThrow(
                    () -> new IOException("No backup directory configured (hausmeter.backup.dir)"));
            run = writeInto(dir, start);
        } catch (IOException | SQLException | RuntimeException e) {
            run = new Run(
                    start,
                    clock.instant().truncatedTo(ChronoUnit.MICROS),
                    false,
                    null,
                    null,
                    null,
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        try {
            record(run);
        } catch (SQLException e) {
            LOG.error("Cannot record the backup's result: " + e.getMessage(), e);
        }
        return run;
    }

    private Run writeInto(Path dir, Instant start) throws IOException, SQLException {
        if (!Files.isDirectory(dir)) {
            // The default directory (under the data directory) is ours to create; a configured one is a mount point
            // or a disk: writing into an empty mount point would fill the system disk, so it must exist.
            if (!explicit && dir.getParent() != null && Files.isDirectory(dir.getParent())) {
                Files.createDirectory(
                        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                throw new IOException("The backup directory " + dir + " does not exist (disk not mounted?)");
            }
        }
        for (Path stale : list(dir, PREFIX + "*" + SUFFIX + ".part")) {
            Files.deleteIfExists(stale);
        }
        String name = PREFIX + STAMP.format(start) + SUFFIX;
        Path target = dir.resolve(name);
        Path part = dir.resolve(name + ".part");
        String sha;
        try {
            // Personal data (names, addresses, password hashes, bills): the owner's alone, like the data directory.
            try (FileChannel ch = FileChannel.open(
                            part,
                            java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                            PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                    OutputStream out =
                            new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(ch), 1 << 16);
                    Connection c = dataSource.getConnection()) {
                DatabaseArchive.export(c, out, start);
                out.flush();
                ch.force(true);
            }
            try (var in = Files.newInputStream(part)) {
                sha = DatabaseArchive.sha256(in);
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(part);
        }
        Path sum = dir.resolve(name + ".sha256");
        Files.deleteIfExists(sum);
        Files.createFile(sum, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.writeString(sum, sha + "  " + name + "\n", StandardCharsets.US_ASCII);
        syncDirectory(dir);
        long size = Files.size(target);
        prune(dir);
        return new Run(
                start,
                clock.instant().truncatedTo(ChronoUnit.MICROS),
                true,
                target.toAbsolutePath().toString(),
                size,
                sha,
                null);
    }

    /** Keeps the newest {@code keep} backups (by name, which sorts by time) and their checksum files. */
    private void prune(Path dir) throws IOException {
        List<Path> files = new ArrayList<>(list(dir, PREFIX + "*" + SUFFIX));
        files.sort(
                (a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString()));
        for (Path old : files.subList(Math.min(keep, files.size()), files.size())) {
            Files.deleteIfExists(old);
            Files.deleteIfExists(old.resolveSibling(old.getFileName() + ".sha256"));
        }
    }

    /** The backups in the directory, newest first. */
    public List<Path> files() throws IOException {
        if (directory.isEmpty() || !Files.isDirectory(directory.get())) {
            return List.of();
        }
        List<Path> files = new ArrayList<>(list(directory.get(), PREFIX + "*" + SUFFIX));
        files.sort(
                (a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString()));
        return files;
    }

    private static List<Path> list(Path dir, String glob) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
            ds.forEach(out::add);
        }
        return out;
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Not every file system lets a directory be opened for sync; the rename itself is atomic.
        }
    }

    private void record(Run run) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO backup_run"
                                + " (started_at, finished_at, ok, file, size_bytes, sha256, error) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setTimestamp(1, Timestamp.from(run.startedAt()));
            ps.setTimestamp(2, Timestamp.from(run.finishedAt()));
            ps.setBoolean(3, run.ok());
            ps.setString(4, run.file());
            ps.setObject(5, run.size());
            ps.setString(6, run.sha256());
            ps.setString(
                    7,
                    run.error() == null
                            ? null
                            : run.error()
                                    .substring(0, Math.min(2000, run.error().length())));
            ps.executeUpdate();
        }
    }

    /** The newest attempt, or only the newest that worked. */
    public Optional<Run> last(boolean okOnly) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT started_at,"
                        + " finished_at, ok, file, size_bytes, sha256, error FROM backup_run"
                        + (okOnly ? " WHERE ok" : "")
                        + " ORDER BY started_at DESC, id DESC LIMIT 1");
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new Run(
                    rs.getTimestamp(1).toInstant(),
                    rs.getTimestamp(2).toInstant(),
                    rs.getBoolean(3),
                    rs.getString(4),
                    (Long) rs.getObject(5),
                    rs.getString(6),
                    rs.getString(7)));
        }
    }

    /** For the overview and the health check; a database error is itself a problem ("failed"). */
    public Status status() {
        String dir = directory.map(Path::toString).orElse(null);
        if (dir == null) {
            return new Status(null, null, null, "none");
        }
        try {
            Run last = last(false).orElse(null);
            Run lastOk = last == null || last.ok() ? last : last(true).orElse(null);
            Instant now = clock.instant();
            String problem = null;
            if (last != null && !last.ok()) {
                problem = "failed";
            } else if (lastOk != null
                    ? lastOk.startedAt().plus(maxAge).isBefore(now)
                    : startedAt.plus(maxAge).isBefore(now)) {
                problem = "stale";
            }
            return new Status(dir, last, lastOk, problem);
        } catch (SQLException e) {
            return new Status(dir, null, null, "failed");
        }
    }

    public Duration maxAge() {
        return maxAge;
    }
}
