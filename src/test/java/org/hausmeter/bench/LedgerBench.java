package org.hausmeter.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.hausmeter.ledger.CounterReading;
import org.hausmeter.ledger.ReadingSource;
import org.hausmeter.ledger.persistence.ReadingStore;
import org.hausmeter.platform.EmbeddedServers;
import org.hausmeter.support.EmbeddedServersResource;

/**
 * Ledger figures on a real (embedded) PostgreSQL with the Flyway schema: our bulk ingest of counter
 * readings ({@link ReadingStore#copyIn}: COPY into a staging table + one idempotent insert) next to
 * psql's {@code \\copy} of the same rows straight into the same, emptied table. Writes
 * target/bench/ledger.json (extended by the derivation and CSV figures where available). Smoke mode
 * ({@code -Dbench.smoke=true}): 10 meters, three days of quarter hours everywhere, plus {@code "smoke": true}.
 */
final class LedgerBench {

    private final Path out;
    private final boolean smoke;
    /** Meters: 200, or 10 in smoke mode. */
    private final int meters;
    /** Quarter hours of counter readings per meter: 5,000, or 288 (three days) in smoke mode. */
    private final int quarterHours;
    /** Quarter hours in the campus CSV and in the pure derivation: a year (35,040), or 288 in smoke mode. */
    private final int yearQuarters;

    final Map<String, Object> json = new LinkedHashMap<>();

    LedgerBench(Path out, boolean smoke) {
        this.out = out;
        this.smoke = smoke;
        this.meters = smoke ? 10 : 200;
        this.quarterHours = smoke ? 288 : 5_000;
        this.yearQuarters = smoke ? 288 : 35_040;
    }

    void run() throws Exception {
        Path data = out.resolve("ledger-data");
        EmbeddedServersResource.deleteRecursively(data);
        try (EmbeddedServers servers = EmbeddedServers.start(new EmbeddedServers.Settings(data, 0, 0, true, false))) {
            Flyway.configure()
                    .dataSource(servers.jdbcUrl(), EmbeddedServers.USER, servers.postgresPassword())
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            try (Connection c = DriverManager.getConnection(
                            servers.jdbcUrl(), EmbeddedServers.USER, servers.postgresPassword());
                    Statement st = c.createStatement()) {
                Instant start = Instant.parse("2026-01-01T00:00:00Z");
                Instant end = start.plus(Duration.ofMinutes(15L * quarterHours));
                st.execute("INSERT INTO meter (name, bus, unit_id, model, role, installed_at)"
                        + " SELECT 'bench-' || g, 'bus-' || (g / 200), 1 + g % 200, 'eastron-sdm630', 'COMMON', '2025-01-01'"
                        + " FROM generate_series(0, " + (meters - 1) + ") g");
                st.execute("SELECT hausmeter_ensure_reading_partitions('" + start + "', '" + end + "')");
                List<Long> ids = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("SELECT id FROM meter ORDER BY id")) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
                List<CounterReading> rows = new ArrayList<>(meters * quarterHours);
                for (int q = 0; q < quarterHours; q++) {
                    Instant t = start.plus(Duration.ofMinutes(15L * q));
                    for (int m = 0; m < meters; m++) {
                        rows.add(new CounterReading(ids.get(m), t, 1_000_000L + 97L * q + m, 0L, ReadingSource.POLL));
                    }
                }
                // Ours, in batches of one day of the whole building (as the poller and imports do).
                c.setAutoCommit(true);
                long t0 = System.nanoTime();
                int batch = meters * 96;
                int stored = 0;
                for (int i = 0; i < rows.size(); i += batch) {
                    stored += ReadingStore.copyIn(c, rows.subList(i, Math.min(rows.size(), i + batch)));
                }
                double ours = (System.nanoTime() - t0) / 1e9;
                if (stored != rows.size()) {
                    throw new IllegalStateException("stored " + stored + " of " + rows.size());
                }
                long bytes;
                try (ResultSet rs = st.executeQuery(
                        "SELECT sum(pg_total_relation_size(relid)) FROM pg_partition_tree('meter_reading')")) {
                    rs.next();
                    bytes = rs.getLong(1);
                }
                // psql's \copy of the same rows into the emptied table.
                st.execute("TRUNCATE meter_reading");
                Path file = out.resolve("ledger-rows.copy");
                try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                        ReadingStore.CopyText text = new ReadingStore.CopyText(rows.iterator())) {
                    text.transferTo(w);
                }
                double psql = psqlCopy(servers.postgresPort(), servers.postgresPassword(), file);
                Files.delete(file);

                // Derivation through the database: read each meter's readings, derive, write interval_energy.
                long d0 = System.nanoTime();
                List<org.hausmeter.ledger.persistence.IntervalStore.MeterRows> derived = new ArrayList<>();
                org.hausmeter.ledger.IntervalDeriver deriver = new org.hausmeter.ledger.IntervalDeriver();
                for (long id : ids) {
                    derived.add(new org.hausmeter.ledger.persistence.IntervalStore.MeterRows(
                            id,
                            start,
                            end,
                            deriver.derive(
                                            org.hausmeter.ledger.persistence.LedgerBenchAccess.readings(
                                                    c, id, start, end),
                                            start,
                                            end,
                                            44_000)
                                    .intervals()));
                }
                int written = org.hausmeter.ledger.persistence.IntervalStore.replaceDerived(c, derived);
                double deriveDb = (System.nanoTime() - d0) / 1e9;
                json.put("derive_db_rows", written);
                json.put("derive_db_rows_per_s", Math.round(written / deriveDb));

                // Wide campus CSV: 200 meters x a year of quarter hours (7 million values; smoke: 10 x 3 days), parsed,
                // validated, stored.
                Path csv = out.resolve("ledger-campus.csv");
                int columns = yearQuarters; // a year of quarter hours (smoke: three days)
                try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                    StringBuilder header = new StringBuilder("meter");
                    java.time.format.DateTimeFormatter f =
                            java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
                    for (int q = 0; q < columns; q++) {
                        header.append(',')
                                .append(f.format(java.time.LocalDateTime.of(2024, 1, 1, 0, 0)
                                        .plusMinutes(15L * q)));
                    }
                    w.write(header.append('\n').toString());
                    for (int m = 0; m < meters; m++) {
                        StringBuilder row = new StringBuilder("bench-").append(m);
                        for (int q = 0; q < columns; q++) {
                            row.append(',').append((q * 7 + m) % 400 / 1000.0);
                        }
                        w.write(row.append('\n').toString());
                    }
                }
                Map<String, Long> meterIds = new LinkedHashMap<>();
                for (int m = 0; m < meters; m++) {
                    meterIds.put("bench-" + m, ids.get(m));
                }
                org.hausmeter.ledger.csv.ImportOptions options =
                        org.hausmeter.ledger.csv.ImportOptions.defaults("campus.csv", java.time.ZoneId.of("UTC"));
                long c0 = System.nanoTime();
                org.hausmeter.ledger.csv.ImportReport check = new org.hausmeter.ledger.csv.MeterCsvImport(
                                meterIds, options)
                        .preview(org.hausmeter.ledger.csv.ReaderSource.of(csv));
                if (!check.ok()) {
                    throw new IllegalStateException("bench CSV has problems: " + check.problems());
                }
                org.hausmeter.ledger.persistence.CsvImports.Outcome imported =
                        org.hausmeter.ledger.persistence.CsvImports.commitValidated(
                                c, meterIds, csv, options, check.summary(), "bench", new ObjectMapper());
                double csvS = (System.nanoTime() - c0) / 1e9;
                Files.delete(csv);
                json.put("csv_values", imported.report().summary().values());
                json.put("csv_import_s", round(csvS));
                json.put(
                        "csv_import_values_per_s",
                        Math.round(imported.report().summary().values() / csvS));

                json.put("rows", rows.size());
                json.put("ingest_s", round(ours));
                json.put("ingest_rows_per_s", Math.round(rows.size() / ours));
                json.put("psql_copy_s", round(psql));
                json.put("psql_copy_rows_per_s", Math.round(rows.size() / psql));
                json.put("ingest_ratio", round(psql / ours));
                json.put("bytes_per_reading", round((double) bytes / rows.size()));
                json.put("derive_year_200_meters_s", round(deriveYear(meters, yearQuarters)));
                if (smoke) {
                    json.put("smoke", true);
                }
            }
        }
    }

    /**
     * Pure derivation of {@code quarters} 15-minute readings (a year: 35,040) for {@code meters} meters (200), readings
     * in memory, no database.
     */
    static double deriveYear(int meters, int quarters) {
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        org.hausmeter.ledger.IntervalDeriver deriver = new org.hausmeter.ledger.IntervalDeriver();
        java.util.Random random = new java.util.Random(42);
        long nanos = 0;
        long check = 0;
        for (int m = 0; m < meters; m++) {
            List<CounterReading> readings = new ArrayList<>(quarters + 1);
            long counter = 1_000_000;
            for (int q = 0; q <= quarters; q++) {
                counter += random.nextInt(400);
                if (q % 500 == 7) {
                    continue; // a missed poll now and then
                }
                readings.add(new CounterReading(
                        m + 1, start.plusSeconds(900L * q + random.nextInt(20)), counter, 0L, ReadingSource.POLL));
            }
            long t0 = System.nanoTime();
            check += deriver.derive(readings, start, start.plusSeconds(900L * quarters), 44_000)
                    .totalImportWh();
            nanos += System.nanoTime() - t0;
        }
        if (check <= 0) {
            throw new IllegalStateException("no energy derived");
        }
        return nanos / 1e9;
    }

    private static double psqlCopy(int port, String password, Path file) throws Exception {
        String psql = Files.isExecutable(Path.of("/usr/bin/psql")) ? "/usr/bin/psql" : "psql";
        ProcessBuilder pb = new ProcessBuilder(
                        psql,
                        "-h",
                        "127.0.0.1",
                        "-p",
                        Integer.toString(port),
                        "-U",
                        EmbeddedServers.USER,
                        "-d",
                        EmbeddedServers.DATABASE,
                        "-v",
                        "ON_ERROR_STOP=1",
                        "-c",
                        "\\copy meter_reading (meter_id, read_at, import_wh, export_wh, source) FROM '" + file + "'")
                .redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", password);
        long t0 = System.nanoTime();
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("psql \\copy failed (install postgresql-client): " + output);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    void write() throws Exception {
        Path file = out.resolve("ledger.json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
        System.out.println("Wrote " + file + "\n" + Files.readString(file));
    }

    static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
