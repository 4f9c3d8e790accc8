package org.hausmeter.backup;

import io.quarkus.arc.Arc;
import java.nio.file.Path;

/**
 * {@code restore FILE [--force]}: run by {@code HausmeterMain} once Quarkus has started (without polling) on the
 * configured or embedded database, which Flyway has brought to this version's schema. Prints what it loaded and
 * returns the exit code: 0 done, 2 refused or failed (nothing changed: the restore is one transaction).
 */
public final class RestoreCommand {

    private RestoreCommand() {}

    public static int run(Path file, boolean force) {
        Restore restore = Arc.container().instance(Restore.class).get();
        try {
            DatabaseArchive.Restored r = restore.restore(file, force);
            long rows = r.rows().values().stream().mapToLong(Long::longValue).sum();
            System.out.println("Restored " + file + " (made " + r.createdAt() + ", schema " + r.schemaVersion() + "): "
                    + r.rows().size() + " tables, " + rows + " rows.");
            r.rows().forEach((t, n) -> System.out.printf("  %-28s %10d%n", t, n));
            System.out.println(
                    "Start the server as usual. Logged-in browsers log in again if the session key changed.");
            return 0;
        } catch (Exception e) {
            System.err.println("restore: " + e.getMessage());
            return 2;
        }
    }
}
