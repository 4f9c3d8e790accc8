package org.hausmeter.web.caretaker;

import java.util.Optional;
import org.hausmeter.accounts.AccountException;
import org.hausmeter.billing.BillingException;
import org.hausmeter.charging.ChargingException;
import org.hausmeter.ledger.LedgerException;
import org.hausmeter.tariff.NoTariffException;

/**
 * The caretaker's pages show what a service refused on the page itself, with the status the JSON API
 * would give, instead of a stack trace; anything else is a bug and stays a 500.
 */
final class PageErrors {

    /** A refused change: HTTP status and the message for the caretaker. */
    record Failure(int status, String message) {}

    private PageErrors() {}

    static Optional<Failure> of(RuntimeException e) {
        if (e instanceof BillingException b) {
            return Optional.of(new Failure(status(b.kind().name()), b.getMessage()));
        }
        if (e instanceof LedgerException l) {
            return Optional.of(new Failure(status(l.kind().name()), l.getMessage()));
        }
        if (e instanceof ChargingException c) {
            return Optional.of(new Failure(status(c.kind().name()), c.getMessage()));
        }
        if (e instanceof AccountException a) {
            return Optional.of(new Failure(status(a.kind().name()), a.getMessage()));
        }
        if (e instanceof NoTariffException n) {
            return Optional.of(new Failure(409, n.getMessage()));
        }
        if (e instanceof IllegalArgumentException i) {
            // Form parsing (FormException), the tariff model's validation, settings' ranges.
            return Optional.of(new Failure(400, i.getMessage()));
        }
        return Optional.empty();
    }

    /**
     * The failure of {@code e}, or {@code e} itself rethrown when it is not a refusal the caretaker can act on; the
     * message in the request's language where the service named the refusal by code.
     */
    static Failure require(RuntimeException e) {
        Failure f = of(e).orElseThrow(() -> e);
        if (e instanceof org.hausmeter.platform.Coded c && c.code() != null) {
            java.util.Locale locale = io.quarkus.arc.Arc.container()
                    .instance(org.hausmeter.web.i18n.RequestLocale.class)
                    .get()
                    .locale();
            return new Failure(f.status(), text(c, locale));
        }
        return f;
    }

    /**
     * A coded refusal in a language; values that are days ({@code 2026-10-15}) or months ({@code 2026-10}) in the
     * locale's form.
     */
    static String text(org.hausmeter.platform.Coded c, java.util.Locale locale) {
        ServiceErrorMessages er = io.quarkus.qute.i18n.MessageBundles.get(
                ServiceErrorMessages.class, io.quarkus.qute.i18n.Localized.Literal.of(locale.getLanguage()));
        String[] v = new String[3];
        for (int i = 0; i < 3; i++) {
            String a = i < c.args().size() ? c.args().get(i) : "";
            if (a.matches("\\d{4}-\\d{2}-\\d{2}")) {
                a = org.hausmeter.web.Formats.date(java.time.LocalDate.parse(a), locale);
            } else if (a.matches("\\d{4}-\\d{2}")) {
                a = org.hausmeter.web.Formats.month(java.time.YearMonth.parse(a), locale);
            }
            v[i] = a;
        }
        return er.text(c.code(), v[0], v[1], v[2]);
    }

    private static int status(String kind) {
        return switch (kind) {
            case "NOT_FOUND" -> 404;
            case "CONFLICT" -> 409;
            default -> 400;
        };
    }
}
