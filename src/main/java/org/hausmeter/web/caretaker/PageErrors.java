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

    /** The failure of {@code e}, or {@code e} itself rethrown when it is not a refusal the caretaker can act on. */
    static Failure require(RuntimeException e) {
        return of(e).orElseThrow(() -> e);
    }

    private static int status(String kind) {
        return switch (kind) {
            case "NOT_FOUND" -> 404;
            case "CONFLICT" -> 409;
            default -> 400;
        };
    }
}
