package org.hausmeter.backup;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The database as a zip of its tables, written and read with PostgreSQL's own {@code COPY} (text format) through
 * the JDBC driver: no {@code pg_dump} binary is needed (zonky ships only {@code initdb}, {@code pg_ctl} and
 * {@code postgres}).
 * <p>
 * Layout: {@code manifest.properties} (format, Flyway schema version, time, per table its columns, row count and
 * the SHA-256 of its data entry, partitions with their bounds) and {@code data/NNN-TABLE.copy} per table, in an
 * order where every table comes after the tables it references. All tables are read in one
 * {@code REPEATABLE READ} read-only transaction: one consistent snapshot, taken while the server runs.
 * Flyway's own history is not exported: the restoring server creates the schema with its migrations and the
 * backup's schema version must be the one it reaches.
 */
public final class DatabaseArchive {

    public static final String FORMAT = "hausmeter-backup-1";
    static final String MANIFEST = "manifest.properties";
    private static final String FLYWAY_TABLE = "flyway_schema_history";

    private DatabaseArchive() {}

    /** What an export wrote. */
    public record Summary(String schemaVersion, Map<String, Long> rows) {}

    /** One table: name, copied columns (no generated ones), identity columns (their sequences are reset after a restore). */
    record Table(String name, List<String> columns, List<String> identity) {}

    /**
     * Writes the whole database to {@code out} (a zip). The connection's transaction state is changed and restored;
     * it must not be in a transaction.
     */
    public static Summary export(Connection c, OutputStream out, Instant now) throws SQLException, IOException {
        boolean auto = c.getAutoCommit();
        int isolation = c.getTransactionIsolation();
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        c.setReadOnly(true);
        try {
            String version = schemaVersion(c);
            List<Table> tables = tables(c);
            Properties manifest = new Properties();
            manifest.setProperty("format", FORMAT);
            manifest.setProperty("schema-version", version);
            manifest.setProperty("created-at", now.toString());
            manifest.setProperty(
                    "tables", String.join(",", tables.stream().map(Table::name).toList()));
            Map<String, Long> rows = new LinkedHashMap<>();
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            ZipOutputStream zip = new ZipOutputStream(new NonClosing(out));
            int i = 0;
            for (Table t : tables) {
                String entry = String.format("data/%03d-%s.copy", ++i, t.name());
                zip.putNextEntry(new ZipEntry(entry));
                MessageDigest sha = sha256();
                long n = copy.copyOut(
                        "COPY (SELECT " + columnList(t.columns()) + " FROM " + quote(t.name()) + ") TO STDOUT",
                        new DigestOutputStream(new NonClosing(zip), sha));
                zip.closeEntry();
                rows.put(t.name(), n);
                String p = "table." + t.name() + ".";
                manifest.setProperty(p + "entry", entry);
                manifest.setProperty(p + "columns", String.join(",", t.columns()));
                manifest.setProperty(p + "identity", String.join(",", t.identity()));
                manifest.setProperty(p + "rows", Long.toString(n));
                manifest.setProperty(p + "sha256", HexFormat.of().formatHex(sha.digest()));
            }
            Map<String, String> partitions = partitions(c);
            int k = 0;
            for (var e : partitions.entrySet()) {
                manifest.setProperty("partition." + (++k), e.getKey() + " " + e.getValue());
            }
            zip.putNextEntry(new ZipEntry(MANIFEST));
            ByteArrayOutputStream m = new ByteArrayOutputStream();
            manifest.store(m, "Hausmeter backup: see docs/operator-guide.md, \"Backups and restore\"");
            zip.write(m.toByteArray());
            zip.closeEntry();
            zip.finish();
            c.commit();
            return new Summary(version, rows);
        } catch (SQLException | IOException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setReadOnly(false);
            c.setTransactionIsolation(isolation);
            c.setAutoCommit(auto);
        }
    }

    /** What a restore found and did. */
    public record Restored(String schemaVersion, Instant createdAt, Map<String, Long> rows) {}

    /** Refused: the target database is not empty, the backup is damaged or of another schema version. */
    public static final class RestoreRefused extends RuntimeException {
        RestoreRefused(String message) {
            super(message);
        }
    }

    /** Tables whose rows a fresh server creates by itself at its first start (the building's settings row). */
    private static final Set<String> CREATED_AT_START = Set.of("building", "backup_run");

    /**
     * Loads a backup into the connection's database, which must have the backup's schema (Flyway migrated to the same
     * version) and hold no data; with {@code force}, whatever it holds is removed first (needs a superuser: the
     * audit log refuses TRUNCATE otherwise). One transaction: a damaged file (a checksum or row count that does not
     * match) leaves the database as it was.
     */
    public static Restored restore(Connection c, java.nio.file.Path file, boolean force)
            throws SQLException, IOException {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            return restore(c, zip, force);
        }
    }

    private static Restored restore(Connection c, java.util.zip.ZipFile zip, boolean force)
            throws SQLException, IOException {
        Properties manifest = new Properties();
        ZipEntry manifestEntry = zip.getEntry(MANIFEST);
        if (manifestEntry != null) {
            try (InputStream m = zip.getInputStream(manifestEntry)) {
                manifest.load(m);
            }
        }
        if (!FORMAT.equals(manifest.getProperty("format"))) {
            throw new RestoreRefused("Not a Hausmeter backup (no manifest of format " + FORMAT + ")");
        }
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            String version = schemaVersion(c);
            String backupVersion = manifest.getProperty("schema-version");
            if (!version.equals(backupVersion)) {
                throw new RestoreRefused("The backup has schema version " + backupVersion + ", this server's database "
                        + version + ": restore with the Hausmeter version that made the backup, then upgrade");
            }
            List<String> names = List.of(manifest.getProperty("tables").split(","));
            Map<String, Table> present = new LinkedHashMap<>();
            tables(c).forEach(t -> present.put(t.name(), t));
            List<String> nonEmpty = new ArrayList<>();
            for (String t : present.keySet()) {
                try (Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM " + quote(t) + ")")) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        nonEmpty.add(t);
                    }
                }
            }
            if (!nonEmpty.isEmpty()) {
                boolean onlyStartRows = CREATED_AT_START.containsAll(nonEmpty);
                if (!onlyStartRows && !force) {
                    throw new RestoreRefused("The database is not empty (" + String.join(", ", nonEmpty)
                            + "): restore into an empty database, or add --force to replace its data");
                }
                try (Statement st = c.createStatement()) {
                    if (onlyStartRows) {
                        for (String t : nonEmpty) {
                            st.execute("DELETE FROM " + quote(t));
                        }
                    } else {
                        // The audit log and issued bills refuse TRUNCATE and DELETE by trigger; replica mode skips
                        // triggers.
                        st.execute("SET LOCAL session_replication_role = replica");
                        st.execute("TRUNCATE "
                                + String.join(
                                        ", ",
                                        nonEmpty.stream()
                                                .map(DatabaseArchive::quote)
                                                .toList()) + " CASCADE");
                        st.execute("SET LOCAL session_replication_role = origin");
                    }
                }
            }
            // Partitions the backup had and this database has not (monthly reading partitions).
            for (int k = 1; manifest.getProperty("partition." + k) != null; k++) {
                String[] p = manifest.getProperty("partition." + k).split(" ", 3);
                try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NULL")) {
                    ps.setString(1, quote(p[0]));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getBoolean(1)) {
                            try (Statement st = c.createStatement()) {
                                st.execute("CREATE TABLE " + quote(p[0]) + " PARTITION OF " + quote(p[1]) + " " + p[2]);
                            }
                        }
                    }
                }
            }
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            Map<String, Long> rows = new LinkedHashMap<>();
            for (String t : names) {
                String p = "table." + t + ".";
                if (!present.containsKey(t)) {
                    throw new RestoreRefused("The backup has table " + t + ", this database has not");
                }
                ZipEntry entry = zip.getEntry(manifest.getProperty(p + "entry", "-"));
                if (entry == null) {
                    throw new RestoreRefused("The backup lacks the data of " + t);
                }
                List<String> columns =
                        List.of(manifest.getProperty(p + "columns").split(","));
                MessageDigest digest = sha256();
                long n;
                try (InputStream data = new DigestInputStream(zip.getInputStream(entry), digest)) {
                    n = copy.copyIn("COPY " + quote(t) + " (" + columnList(columns) + ") FROM STDIN", data);
                }
                String sha = HexFormat.of().formatHex(digest.digest());
                if (!sha.equals(manifest.getProperty(p + "sha256"))) {
                    throw new RestoreRefused("The data of " + t + " is damaged (SHA-256 " + sha + ", expected "
                            + manifest.getProperty(p + "sha256") + ")");
                }
                long expected = Long.parseLong(manifest.getProperty(p + "rows"));
                if (n != expected) {
                    throw new RestoreRefused("Table " + t + ": " + n + " rows read, the manifest says " + expected);
                }
                rows.put(t, n);
                String identity = manifest.getProperty(p + "identity", "");
                for (String col : identity.isEmpty() ? List.<String>of() : List.of(identity.split(","))) {
                    try (Statement st = c.createStatement();
                            ResultSet rs = st.executeQuery("SELECT setval(pg_get_serial_sequence('"
                                    + quote(t).replace("'", "''") + "', '" + col.replace("'", "''")
                                    + "'), coalesce(max("
                                    + quote(col) + "), 0) + 1, false) FROM " + quote(t))) {
                        rs.next();
                    }
                }
            }
            c.commit();
            return new Restored(version, Instant.parse(manifest.getProperty("created-at")), rows);
        } catch (SQLException | IOException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** The manifest of a backup file, without loading its data. */
    public static Properties manifest(InputStream in) throws IOException {
        Properties manifest = new Properties();
        try (ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().equals(MANIFEST)) {
                    manifest.load(new ByteArrayInputStream(zip.readAllBytes()));
                }
            }
        }
        return manifest;
    }

    /** The highest successfully applied Flyway version. */
    static String schemaVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT version FROM " + FLYWAY_TABLE
                        + " WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC")) {
            String best = null;
            while (rs.next()) {
                String v = rs.getString(1);
                if (best == null || compareVersions(v, best) > 0) {
                    best = v;
                }
            }
            if (best == null) {
                throw new RestoreRefused("The database has no schema (no Flyway history)");
            }
            return best;
        }
    }

    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? Long.parseLong(x[i]) : 0;
            long q = i < y.length ? Long.parseLong(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }

    /** The schema's tables (not partitions, not Flyway's), each after the tables its foreign keys reference. */
    static List<Table> tables(Connection c) throws SQLException {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        Map<String, List<String>> identity = new LinkedHashMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT c.relname, a.attname, a.attidentity"
                        + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid"
                        + " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition"
                        + " AND c.relpersistence = 'p' AND c.relname <> '" + FLYWAY_TABLE + "'"
                        + " AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''"
                        + " ORDER BY c.relname, a.attnum")) {
            while (rs.next()) {
                columns.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                List<String> ids = identity.computeIfAbsent(rs.getString(1), k -> new ArrayList<>());
                if (!rs.getString(3).isEmpty()) {
                    ids.add(rs.getString(2));
                }
            }
        }
        Map<String, Set<String>> references = new LinkedHashMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT c.relname, r.relname"
                                + " FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid"
                                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE k.contype = 'f' AND n.nspname = current_schema()")) {
            while (rs.next()) {
                if (!rs.getString(1).equals(rs.getString(2))) {
                    references
                            .computeIfAbsent(rs.getString(1), k -> new LinkedHashSet<>())
                            .add(rs.getString(2));
                }
            }
        }
        List<Table> ordered = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        while (done.size() < columns.size()) {
            boolean progress = false;
            for (String t : columns.keySet()) {
                if (!done.contains(t)
                        && references.getOrDefault(t, Set.of()).stream()
                                .allMatch(r -> done.contains(r) || !columns.containsKey(r))) {
                    done.add(t);
                    ordered.add(new Table(t, columns.get(t), identity.get(t)));
                    progress = true;
                }
            }
            if (!progress) {
                throw new IllegalStateException("Foreign keys form a cycle between tables: cannot order "
                        + columns.keySet().stream()
                                .filter(t -> !done.contains(t))
                                .toList());
            }
        }
        return ordered;
    }

    /** Partition name to "PARENT FOR VALUES …". */
    private static Map<String, String> partitions(Connection c) throws SQLException {
        Map<String, String> partitions = new LinkedHashMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT c.relname, p.relname,"
                        + " pg_get_expr(c.relpartbound, c.oid) FROM pg_class c JOIN pg_inherits i ON i.inhrelid = c.oid"
                        + " JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE c.relispartition AND n.nspname = current_schema() ORDER BY c.relname")) {
            while (rs.next()) {
                partitions.put(rs.getString(1), rs.getString(2) + " " + rs.getString(3));
            }
        }
        return partitions;
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String columnList(List<String> columns) {
        return String.join(", ", columns.stream().map(DatabaseArchive::quote).toList());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 of a stream, read to its end. */
    static String sha256(InputStream in) throws IOException {
        MessageDigest sha = sha256();
        try (DigestInputStream d = new DigestInputStream(in, sha)) {
            d.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Keeps an inner stream open when a wrapper is closed. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
