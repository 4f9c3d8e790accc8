package org.hausmeter.accounts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.hausmeter.accounts.persistence.Account;

/** The language an account chose in the layout's switch ({@code account.locale}; it wins over the cookie on any device). */
@ApplicationScoped
public class AccountLanguage {

    /** Remembers {@code language} ("de" or "en", already checked) for the account {@code username}, if it exists. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void remember(String username, String language) {
        Account.findByUsername(username).ifPresent(a -> a.locale = language);
    }
}
