package org.hausmeter.alerts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.hausmeter.backup.Backups;
import org.hausmeter.support.Leftovers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 15, item 5: alerts go to a real SMTP server (GreenMail, started here on a free loopback port, the Quarkus
 * mailer pointed at it by the test profile): one message per incident however often a check sees it, one recovery
 * message, at most {@code max-per-hour} messages, the rest waiting; and the checks see a failed backup.
 */
@QuarkusTest
@TestProfile(AlertMailTest.Mail.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertMailTest {

    static final String TO = "caretaker@alerts.example.org";
    static final String DOMAIN = "alerts.example.org";

    public static class Mail implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "hausmeter.alerts.enabled",
                    "true",
                    "hausmeter.alerts.to",
                    TO,
                    "hausmeter.alerts.max-per-hour",
                    "4",
                    "quarkus.mailer.mock",
                    "false",
                    "quarkus.mailer.host",
                    "127.0.0.1",
                    "quarkus.mailer.port",
                    Integer.toString(smtpPort()),
                    "quarkus.mailer.from",
                    "hausmeter@test.example.org",
                    "quarkus.mailer.start-tls",
                    "DISABLED",
                    // A backup directory that does not exist: the backup fails, as with an unmounted disk.
                    "hausmeter.backup.dir",
                    "/nonexistent/hausmeter-alert-test");
        }
    }

    /** One free port per test JVM, kept in a system property: the profile and the test load in different class loaders. */
    static int smtpPort() {
        synchronized (System.getProperties()) {
            String p = System.getProperty("hausmeter.test.smtp-port");
            if (p == null) {
                try (ServerSocket s = new ServerSocket(0)) {
                    p = Integer.toString(s.getLocalPort());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                System.setProperty("hausmeter.test.smtp-port", p);
            }
            return Integer.parseInt(p);
        }
    }

    static GreenMail smtp;

    @Inject
    Alerts alerts;

    @Inject
    AlertChecks checks;

    @Inject
    Backups backups;

    @BeforeAll
    static void startSmtp() {
        smtp = new GreenMail(new ServerSetup(smtpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Leftovers.afterClass(List.of("DELETE FROM alert_incident", "DELETE FROM backup_run"));
    }

    @AfterAll
    static void stopSmtp() {
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    @Order(1)
    void oneMessagePerIncident_thenOneRecovery_withinTheHourlyLimit() throws Exception {
        Alerts.Condition silent = new Alerts.Condition(
                "meter-silent:apt-test-9",
                "meter-silent",
                "Meter apt-test-9 on bus house has not answered for more than 4 quarter hours.");
        Alerts.Report r = alerts.evaluate(List.of(silent));
        assertThat(r.opened()).isEqualTo(1);
        assertThat(r.sent()).isEqualTo(1);
        MimeMessage first = awaitMessages(1).get(0);
        assertThat(first.getSubject())
                .contains("meter silent")
                .contains("apt-test-9")
                .doesNotContain("recovered");
        assertThat(GreenMailUtil.getBody(first)).contains("has not answered for more than 4 quarter hours");
        assertThat(first.getHeader("X-Hausmeter-Incident")).containsExactly("meter-silent:apt-test-9");
        assertThat(first.getFrom()[0].toString()).isEqualTo("hausmeter@test.example.org");

        // Seen again at every check: no further message.
        for (int i = 0; i < 3; i++) {
            r = alerts.evaluate(List.of(silent));
            assertThat(r.opened()).isZero();
            assertThat(r.sent()).isZero();
        }
        assertThat(messages()).hasSize(1);

        // Gone: one recovery message.
        r = alerts.evaluate(List.of());
        assertThat(r.closed()).isEqualTo(1);
        assertThat(r.sent()).isEqualTo(1);
        MimeMessage recovered = awaitMessages(2).get(1);
        assertThat(recovered.getSubject())
                .contains("recovered")
                .contains("meter silent")
                .contains("apt-test-9");
        assertThat(alerts.evaluate(List.of()).sent()).isZero();

        // Five incidents at once: the hourly limit (4) leaves room for two; three wait.
        List<Alerts.Condition> five = IntStream.rangeClosed(1, 5)
                .mapToObj(i -> new Alerts.Condition(
                        "bus-down:test-bus-" + i, "bus-down", "No meter on bus test-bus-" + i + " answers."))
                .toList();
        r = alerts.evaluate(five);
        assertThat(r.opened()).isEqualTo(5);
        assertThat(r.sent()).isEqualTo(2);
        assertThat(r.waiting()).isEqualTo(3);
        assertThat(awaitMessages(4)).hasSize(4);
        assertThat(alerts.evaluate(five).sent()).as("still over the limit").isZero();
        assertThat(alerts.open())
                .extracting(Alerts.Condition::key)
                .containsExactlyElementsOf(
                        five.stream().map(Alerts.Condition::key).toList());

        // All five recover: the three that never went out get no recovery either; two recoveries wait for the hour.
        r = alerts.evaluate(List.of());
        assertThat(r.closed()).isEqualTo(5);
        assertThat(r.sent()).isZero();
        assertThat(r.waiting()).isEqualTo(2);
        assertThat(messages()).hasSize(4);
    }

    @Test
    @Order(2)
    void aFailedBackup_isAnIncident_andHealthSaysSo() throws Exception {
        Backups.Run run = backups.backUp();
        assertThat(run.ok()).isFalse();
        assertThat(run.error()).contains("does not exist");
        assertThat(checks.conditions()).extracting(Alerts.Condition::key).contains("backup-failed");
        given().get("/q/health/ready")
                .then()
                .statusCode(503)
                .body(containsString("\"Backup\""))
                .body(containsString("failed"));
    }

    private static List<MimeMessage> messages() {
        return Arrays.asList(smtp.getReceivedMessagesForDomain(DOMAIN));
    }

    private static List<MimeMessage> awaitMessages(int n) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (messages().size() < n && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(messages()).hasSize(n);
        return messages();
    }
}
