package org.hausmeter.backup;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The nightly backup: DOWN when the newest attempt failed or the newest backup is older than
 * {@code hausmeter.backup.max-age} (2 days), so a monitoring box that watches {@code /q/health} sees it. UP before the
 * first backup of a new server (until the allowed age has passed) and when no directory is configured (data says so).
 * The server keeps serving either way; the check is for attention, like Redis's. Only times, sizes and the kind of
 * problem are shown: {@code /q/health} is public, so no path and no error text (the caretaker's overview has them).
 */
@Readiness
@ApplicationScoped
public class BackupHealthCheck implements HealthCheck {

    private final Backups backups;

    BackupHealthCheck(Backups backups) {
        this.backups = backups;
    }

    @Override
    public HealthCheckResponse call() {
        Backups.Status s = backups.status();
        HealthCheckResponseBuilder b =
                HealthCheckResponse.named("Backup").withData("configured", s.directory() != null);
        if (s.last() != null) {
            b.withData("last_attempt", s.last().startedAt().toString())
                    .withData("last_attempt_ok", s.last().ok());
        }
        if (s.lastOk() != null) {
            b.withData("last_backup", s.lastOk().startedAt().toString())
                    .withData("last_backup_bytes", s.lastOk().size());
        }
        if (s.problem() != null) {
            b.withData("problem", s.problem());
        }
        return b.status(s.problem() == null || s.problem().equals("none")).build();
    }
}
