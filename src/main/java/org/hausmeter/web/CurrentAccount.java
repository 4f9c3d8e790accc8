package org.hausmeter.web;

import io.agroal.api.AgroalDataSource;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.Context;
import jakarta.enterprise.context.RequestScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.hausmeter.accounts.Role;

/**
 * The logged-in account of the current request, read once per request with one plain JDBC query: the
 * layout's user name ({@link Page}), the request's language ({@link org.hausmeter.web.i18n.RequestLocale}) and
 * the resident pages all ask for it, and an ORM query per asker cost a page more than the page itself.
 * Empty for an anonymous request, on an I/O thread, and when the account is gone.
 */
@RequestScoped
public class CurrentAccount {

    /** The account as pages need it. */
    public record Info(long id, String username, String displayName, String locale, boolean active) {}

    private final CurrentIdentityAssociation identity;
    private final AgroalDataSource dataSource;
    private Optional<Info> info;

    CurrentAccount(CurrentIdentityAssociation identity, AgroalDataSource dataSource) {
        this.identity = identity;
        this.dataSource = dataSource;
    }

    /**
     * Who is logged in, from the request's identity, without a database read (also on an I/O thread): the user
     * name as authenticated; empty for an anonymous request.
     */
    public Optional<String> username() {
        SecurityIdentity id = identity.getIdentity();
        return id == null || id.isAnonymous()
                ? Optional.empty()
                : Optional.of(id.getPrincipal().getName());
    }

    /** The logged-in resident's user name; empty for an anonymous request and for anyone but a resident. */
    public Optional<String> resident() {
        SecurityIdentity id = identity.getIdentity();
        return id == null || id.isAnonymous() || !id.hasRole(Role.RESIDENT.name())
                ? Optional.empty()
                : Optional.of(id.getPrincipal().getName());
    }

    /** The logged-in account as pages need it, read once per request. */
    public Optional<Info> get() {
        if (info == null) {
            SecurityIdentity id = identity.getIdentity();
            if (id == null || id.isAnonymous() || Context.isOnEventLoopThread()) {
                return Optional.empty();
            }
            info = read(id.getPrincipal().getName()); // the one place that looks the account up by its name
        }
        return info;
    }

    private Optional<Info> read(String username) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT id, username, display_name, locale, active FROM account WHERE lower(username) = lower(?)")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Info(
                                rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read account [" + username + "]: " + e.getMessage(), e);
        }
    }
}
