package org.hausmeter.web.caretaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Locale;
import org.hausmeter.accounts.AccountException;
import org.hausmeter.accounts.persistence.Account;
import org.hausmeter.charging.ChargingException;
import org.hausmeter.web.WebSession;
import org.junit.jupiter.api.Test;

/**
 * A service's refusal on a caretaker page in the caretaker's language, from its code and values (days in the locale's
 * form); the JSON API keeps the English message.
 */
@QuarkusTest
class ServiceErrorsPageTest {

    static final String ANNAS_CARD = "04A1B2C3D4E501";

    @Test
    void codedRefusals_readInTheLanguage_withDaysInTheLocalesForm() {
        AccountException vacant = new AccountException(AccountException.Kind.INVALID, "Apartment A-9 is vacant")
                .coded("apartment_vacant", "A-9", java.time.LocalDate.of(2026, 10, 15));
        assertThat(vacant.args()).containsExactly("A-9", "2026-10-15");
        assertThat(PageErrors.text(vacant, Locale.GERMAN))
                .isEqualTo("Wohnung A-9 steht am 15.10.2026 leer: bitte wählen, wer einzieht.");
        assertThat(PageErrors.text(vacant, Locale.ENGLISH))
                .isEqualTo("Apartment A-9 is vacant on 15 Oct 2026: choose who moves in.");
        ChargingException taken = new ChargingException(ChargingException.Kind.CONFLICT, "x")
                .coded("card_taken", ANNAS_CARD, "Anna Berger");
        assertThat(PageErrors.text(taken, Locale.GERMAN))
                .isEqualTo("Die Karte " + ANNAS_CARD + " ist schon für Anna Berger angemeldet.");
        assertThat(List.of(taken.getMessage())).containsExactly("x");
    }

    @Test
    void aCardThatIsNotBlocked_cannotBeUnblocked_saysThePageInGermanAndEnglish() {
        WebSession caretaker = WebSession.caretaker();
        Response de = caretaker
                .form()
                .formParam("reason", "gefunden")
                .post("/caretaker/residents/anna/cards/" + ANNAS_CARD + "/unblock");
        assertThat(de.statusCode()).isEqualTo(409);
        assertThat(de.asString()).contains("Die Karte " + ANNAS_CARD + " ist nicht gesperrt.");
        QuarkusTransaction.requiringNew()
                .run(() -> Account.findByUsername("hauswart").orElseThrow().locale = "en");
        try {
            WebSession english = WebSession.caretaker();
            assertThat(english.form()
                            .formParam("reason", "found")
                            .post("/caretaker/residents/anna/cards/" + ANNAS_CARD + "/unblock")
                            .asString())
                    .contains("Card " + ANNAS_CARD + " is not blocked.");
        } finally {
            QuarkusTransaction.requiringNew()
                    .run(() -> Account.findByUsername("hauswart").orElseThrow().locale = "de");
        }
    }
}
