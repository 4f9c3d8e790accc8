package org.hausmeter.web.resident;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import java.util.Locale;
import org.hausmeter.accounts.persistence.Account;

/** Small helpers the resident resources share. */
final class Residents {

    /** The logged-in resident's account: id, name and username. */
    record Me(long id, String username, String displayName) {
    }

    private Residents() {
    }

    /** @return the logged-in account; 403 when it is gone (deactivated or erased since the login) */
    static Me me(SecurityIdentity identity) {
        String username = identity.getPrincipal().getName();
        return QuarkusTransaction.joiningExisting().call(() -> Account.findByUsername(username)
                .map(a -> new Me(a.id, a.username, a.displayName))
                .orElseThrow(() -> new ForbiddenException("No account [" + username + "]")));
    }

    /** @return the resident pages' texts in a language */
    static ResidentMessages messages(Locale locale) {
        return MessageBundles.get(ResidentMessages.class, Localized.Literal.of(locale.getLanguage()));
    }
}
