package org.hausmeter.web.resident;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.quarkus.security.ForbiddenException;
import java.util.Locale;
import org.hausmeter.web.CurrentAccount;

/** Small helpers the resident resources share. */
final class Residents {

    /** The logged-in resident's account: id, name and username. */
    record Me(long id, String username, String displayName) {}

    private Residents() {}

    /** @return the logged-in account; 403 when it is gone (deactivated or erased since the login) */
    static Me me(CurrentAccount account) {
        return account.get()
                .filter(CurrentAccount.Info::active)
                .map(a -> new Me(a.id(), a.username(), a.displayName()))
                .orElseThrow(() -> new ForbiddenException("No active account"));
    }

    /** @return the resident pages' issue-17 texts in a language */
    static ResidentPageMessages pageMessages(Locale locale) {
        return MessageBundles.get(ResidentPageMessages.class, Localized.Literal.of(locale.getLanguage()));
    }

    /** @return the resident pages' texts in a language */
    static ResidentMessages messages(Locale locale) {
        return MessageBundles.get(ResidentMessages.class, Localized.Literal.of(locale.getLanguage()));
    }
}
