package org.hausmeter.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.hausmeter.accounts.persistence.Account;
import org.hausmeter.audit.persistence.AuditEvent;
import org.junit.jupiter.api.Test;

/** New resident accounts with a generated password stored only as a bcrypt hash; new passwords; validation. */
@QuarkusTest
class ResidentsTest {

    @Inject
    Residents residents;

    @Test
    void create_storesABcryptHashOfTheGeneratedPassword_andAuditsWithoutIt() {
        String name = "nr" + Long.toString(System.nanoTime() % 1_000_000, 36);
        Residents.Password p =
                residents.create(name.toUpperCase(), "  Nora Reiter ", "nora@example.org", "en", "caretaker-test");
        assertThat(p.username()).isEqualTo(name);
        assertThat(p.password()).hasSize(Residents.PASSWORD_LENGTH);
        Account a = QuarkusTransaction.requiringNew()
                .call(() -> Account.findByUsername(name).orElseThrow());
        assertThat(a.role).isEqualTo(Role.RESIDENT);
        assertThat(a.displayName).isEqualTo("Nora Reiter");
        assertThat(a.locale).isEqualTo("en");
        assertThat(a.passwordHash).startsWith("$2").doesNotContain(p.password());
        assertThat(PasswordHasher.matches(p.password(), a.passwordHash)).isTrue();
        AuditEvent e = QuarkusTransaction.requiringNew()
                .call(() -> AuditEvent.<AuditEvent>find("subject = ?1", "account:" + name)
                        .firstResult());
        assertThat(e.action).isEqualTo("account.create");
        assertThat(e.actor).isEqualTo("caretaker-test");
        assertThat(e.after).doesNotContain(p.password());
        assertThat(residents.find(name).orElseThrow().canLogIn()).isTrue();
    }

    @Test
    void newPassword_replacesTheOldOne() {
        String name = "np" + Long.toString(System.nanoTime() % 1_000_000, 36);
        Residents.Password first = residents.create(name, "Paul Neu", null, "de", "caretaker-test");
        Residents.Password second = residents.newPassword(name, "caretaker-test");
        String hash = QuarkusTransaction.requiringNew()
                .call(() -> Account.findByUsername(name).orElseThrow().passwordHash);
        assertThat(PasswordHasher.matches(second.password(), hash)).isTrue();
        assertThat(PasswordHasher.matches(first.password(), hash)).isFalse();
    }

    @Test
    void invalidInput_andTakenNames_areRefusedWithTheReason() {
        assertThatThrownBy(() -> residents.create("a", "A", null, "de", "x")).hasMessageContaining("Username");
        assertThatThrownBy(() -> residents.create("anna", "Anna again", null, "de", "x"))
                .hasMessageContaining("taken");
        assertThatThrownBy(() -> residents.create("okname", " ", null, "de", "x"))
                .hasMessageContaining("name");
        assertThatThrownBy(() -> residents.create("okname", "Ok", "not-an-address", "de", "x"))
                .hasMessageContaining("E-mail");
        assertThatThrownBy(() -> residents.create("okname", "Ok", null, "fr", "x"))
                .hasMessageContaining("Language");
        assertThatThrownBy(() -> residents.newPassword("hauswart", "x"))
                .isInstanceOf(AccountException.class)
                .hasMessageContaining("No resident");
        assertThat(residents.all())
                .extracting(Residents.ResidentView::username)
                .contains("anna", "fatma")
                .doesNotContain("hauswart");
    }
}
