package org.hausmeter.backup;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.hausmeter.audit.AuditLog;

/**
 * The {@code restore FILE [--force]} command (platform/HausmeterMain): the server started without polling, its
 * database migrated to this version's schema by Flyway, loads a backup into it and exits. Refuses a database with
 * data unless {@code --force}; records the restore in the audit log.
 */
/* Looked up by the command only (Arc.container()), so kept although nothing injects it. */
@Unremovable
@ApplicationScoped
public class Restore {

    private final AgroalDataSource dataSource;
    private final AuditLog audit;

    Restore(AgroalDataSource dataSource, AuditLog audit) {
        this.dataSource = dataSource;
        this.audit = audit;
    }

    public DatabaseArchive.Restored restore(Path file, boolean force) throws IOException, SQLException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("No such file: " + file);
        }
        DatabaseArchive.Restored r;
        try (Connection c = dataSource.getConnection()) {
            r = DatabaseArchive.restore(c, file, force);
        }
        recordRestore(file, r);
        return r;
    }

    private void recordRestore(Path file, DatabaseArchive.Restored r) {
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .run(() -> audit.record(
                        "system",
                        "backup.restore",
                        "file:" + file.getFileName(),
                        null,
                        Map.of(
                                "createdAt",
                                r.createdAt().toString(),
                                "schemaVersion",
                                r.schemaVersion(),
                                "rows",
                                r.rows()),
                        null));
    }
}
