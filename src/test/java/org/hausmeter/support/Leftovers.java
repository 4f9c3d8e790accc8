package org.hausmeter.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Removes what a test class committed to the shared test database once the class is done, whether its tests
 * passed or not, so no class sees another's leftovers in any run order. A fixture helper registers the
 * removal when it creates the rows ({@link #afterClass}); nobody has to remember a delete.
 * <p>
 * Registered for every test class through {@code META-INF/services} (Quarkus turns on JUnit's extension
 * auto-detection). Quarkus runs the tests in class loaders of its own, so the pending statements travel in a
 * system property, and they run over plain JDBC against the default test database.
 */
public final class Leftovers implements AfterAllCallback {

    private static final String PENDING = "hausmeter.test.leftovers";
    private static final String SEPARATOR = "\u001e";

    /** Statements to run, in order, when the current test class ends. */
    public static void afterClass(List<String> statements) {
        Properties props = System.getProperties();
        synchronized (props) {
            String pending = props.getProperty(PENDING, "");
            StringBuilder b = new StringBuilder(pending);
            for (String sql : statements) {
                if (b.length() > 0) {
                    b.append(SEPARATOR);
                }
                b.append(sql);
            }
            props.setProperty(PENDING, b.toString());
        }
    }

    /**
     * Everything hanging on a test apartment (draft bills, adjustments, monthly figures, quarter hours, readings,
     * flags, tenancies, meters), then the apartment. Issued bills would stop the delete: they are never removed.
     * Audit events stay: the log is append-only and names subjects only.
     */
    public static List<String> apartment(long apartmentId) {
        String meters = "(SELECT id FROM meter WHERE apartment_id = " + apartmentId + ")";
        String tenancies = "(SELECT id FROM tenancy WHERE apartment_id = " + apartmentId + ")";
        return List.of(
                "DELETE FROM bill_line WHERE bill_id IN (SELECT id FROM bill WHERE apartment_id = " + apartmentId
                        + " AND status = 'DRAFT')",
                "DELETE FROM bill WHERE apartment_id = " + apartmentId + " AND status = 'DRAFT'",
                "DELETE FROM bill_adjustment WHERE tenancy_id IN " + tenancies,
                "DELETE FROM bill_flag WHERE tenancy_id IN " + tenancies
                        + " AND id NOT IN (SELECT flag_id FROM bill_flag_decision)",
                "DELETE FROM apartment_month WHERE apartment_id = " + apartmentId,
                "DELETE FROM interval_energy WHERE meter_id IN " + meters,
                "DELETE FROM meter_reading WHERE meter_id IN " + meters,
                "DELETE FROM review_flag WHERE meter_id IN " + meters,
                "DELETE FROM tenancy WHERE apartment_id = " + apartmentId,
                "DELETE FROM meter WHERE apartment_id = " + apartmentId,
                "DELETE FROM apartment WHERE id = " + apartmentId);
    }

    /**
     * Every bill of a month that a test class issues for good (invoices, cancellations, their lines, blocking flags
     * and decisions), the month's figures and drafts: the bill triggers refuse deleting issued bills, so they are
     * switched off for this one transaction (the test database's user owns the tables). Register it before the test
     * apartments of the month, so their removal finds no issued bill. Only for a month no other class bills.
     */
    public static List<String> issuedMonth(java.time.YearMonth month) {
        String m = "'" + month.atDay(1) + "'";
        String bills = "(SELECT id FROM bill WHERE month = " + m + ")";
        return List.of(
                "ALTER TABLE bill DISABLE TRIGGER bill_frozen",
                "ALTER TABLE bill_line DISABLE TRIGGER bill_line_frozen",
                "ALTER TABLE bill_flag_decision DISABLE TRIGGER bill_flag_decision_frozen",
                "DELETE FROM bill_flag_decision WHERE bill_id IN " + bills,
                "DELETE FROM bill_flag WHERE month = " + m,
                "DELETE FROM bill_line WHERE bill_id IN " + bills,
                "DELETE FROM bill WHERE month = " + m + " AND kind = 'CANCELLATION'",
                "DELETE FROM bill WHERE month = " + m,
                "DELETE FROM apartment_month WHERE month = " + m,
                "ALTER TABLE bill ENABLE TRIGGER bill_frozen",
                "ALTER TABLE bill_line ENABLE TRIGGER bill_line_frozen",
                "ALTER TABLE bill_flag_decision ENABLE TRIGGER bill_flag_decision_frozen");
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        List<String> statements;
        Properties props = System.getProperties();
        synchronized (props) {
            String pending = props.getProperty(PENDING, "");
            props.remove(PENDING);
            statements = pending.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(pending.split(SEPARATOR)));
        }
        if (statements.isEmpty()) {
            return;
        }
        String prefix = "hausmeter.test.embedded.quarkus.datasource.";
        try (Connection c = DriverManager.getConnection(
                        System.getProperty(prefix + "jdbc.url"),
                        System.getProperty(prefix + "username"),
                        System.getProperty(prefix + "password", ""));
                Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            int rows = 0;
            for (String sql : statements) {
                rows += st.executeUpdate(sql);
            }
            c.commit();
            System.out.printf(
                    "Leftovers of %s: %d rows removed%n",
                    context.getRequiredTestClass().getSimpleName(), rows);
        }
    }
}
