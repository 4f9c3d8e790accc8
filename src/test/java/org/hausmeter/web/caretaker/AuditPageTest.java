package org.hausmeter.web.caretaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hausmeter.accounts.persistence.Account;
import org.hausmeter.audit.AuditLog;
import org.hausmeter.web.WebSession;
import org.junit.jupiter.api.Test;

/**
 * The audit page reads as words: actions by name instead of codes, subjects with the names of people, apartments and
 * tenancies instead of bare ids, the reasons the server writes translated (typed reasons as typed), in German and
 * English.
 */
@QuarkusTest
class AuditPageTest {

    static final String ANNAS_CARD = "04A1B2C3D4E501";

    @Inject
    AuditLog audit;

    @Inject
    AgroalDataSource db;

    /** The audit table's body as the caretaker reads it. */
    static String table(String page) {
        Matcher m = Pattern.compile("<table class=\"data\" id=\"audit\">(.*?)</table>", Pattern.DOTALL)
                .matcher(page);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private String one(String sql) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }

    @Test
    void actionsSubjectsAndServerReasons_readAsWords_inGermanAndEnglish() throws Exception {
        String apartmentName = one("SELECT name FROM apartment WHERE code = 'A-0.1'");
        String annasTenancy = one("SELECT t.id FROM tenancy t JOIN account a ON a.id = t.resident_id"
                + " WHERE a.username = 'anna' ORDER BY t.move_in LIMIT 1");
        String caretakerName = one("SELECT display_name FROM account WHERE username = 'hauswart'");
        QuarkusTransaction.requiringNew().run(() -> {
            audit.record("hauswart", "card.block", "card:" + ANNAS_CARD, null, null, "audit page: lost");
            audit.record("hauswart", "tenancy.start", "apartment:A-0.1", null, null, "handover 2026-10-15");
            audit.record("system", "meter.update", "meter:apt-0.1", null, null, "changed in demo-building.yaml:12");
            audit.record("hauswart", "billing.adjustment.add", "tenancy:" + annasTenancy + ":2026-10", null, null, "x");
        });
        WebSession caretaker = WebSession.caretaker();

        String card = table(caretaker
                .cookies()
                .get("/caretaker/audit?action=card.block&subject=" + ANNAS_CARD)
                .asString());
        assertThat(card)
                .contains(">Karte gesperrt</td>")
                .contains(">Karte " + ANNAS_CARD + " – Anna Berger</td>")
                .contains("<td>" + caretakerName + " (hauswart)</td>")
                .contains("<td>audit page: lost</td>")
                .doesNotContain(">card.block<");
        String apartment = table(caretaker
                .cookies()
                .get("/caretaker/audit?action=tenancy.start&subject=apartment:A-0.1")
                .asString());
        assertThat(apartment)
                .contains(">Einzug</td>")
                .contains(">Wohnung A-0.1 – " + apartmentName + "</a>")
                .contains("<td>Übergabe am 15.10.2026</td>");
        String meter = table(caretaker
                .cookies()
                .get("/caretaker/audit?action=meter.update&subject=meter:apt-0.1")
                .asString());
        assertThat(meter)
                .contains("<td>System</td>")
                .contains(">Zähler apt-0.1 – A-0.1</a>")
                .contains("<td>geändert in der Gebäudedatei demo-building.yaml, Zeile 12</td>");
        String tenancy = table(caretaker
                .cookies()
                .get("/caretaker/audit?action=billing.adjustment.add&subject=tenancy:" + annasTenancy + ":")
                .asString());
        assertThat(tenancy).contains(">Mietverhältnis Anna Berger, A-0.1, Oktober 2026</td>");

        QuarkusTransaction.requiringNew()
                .run(() -> Account.findByUsername("hauswart").orElseThrow().locale = "en");
        try {
            WebSession english = WebSession.caretaker();
            assertThat(table(english.cookies()
                            .get("/caretaker/audit?action=card.block&subject=" + ANNAS_CARD)
                            .asString()))
                    .contains(">Card blocked</td>")
                    .contains(">Card " + ANNAS_CARD + " – Anna Berger</td>");
            assertThat(table(english.cookies()
                            .get("/caretaker/audit?action=tenancy.start&subject=apartment:A-0.1")
                            .asString()))
                    .contains("<td>handover on 15 Oct 2026</td>");
            assertThat(english.cookies().get("/caretaker/audit").asString())
                    .contains("<option value=\"card.block\">Card blocked</option>");
        } finally {
            QuarkusTransaction.requiringNew()
                    .run(() -> Account.findByUsername("hauswart").orElseThrow().locale = "de");
        }
    }
}
