package org.hausmeter.accounts;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.hausmeter.audit.AuditLog;

/**
 * Server-side sessions of the form login, in PostgreSQL (table {@code login_session}). Quarkus' encrypted cookie
 * {@code hausmeter-session} says who is logged in; it is accepted only together with the cookie {@value #COOKIE},
 * a random token whose SHA-256 names a session row of the same account that is not ended, not idle for 30 minutes
 * and not older than 12 hours ({@link LoginSessionRules}). So logging out, a password change or the caretaker end a
 * session at once, and a copied cookie is worth nothing afterwards. HTTP basic authentication has no session.
 * Plain JDBC: the check runs on every page request of a session; last_seen_at is written at most once a minute.
 */
@ApplicationScoped
public class LoginSessions {

    /** The cookie with the session token: HttpOnly, SameSite=Strict, path /, a browser-session cookie. */
    public static final String COOKIE = "hausmeter-sid";

    /** Why a session ended (column ended_reason). */
    public enum EndReason {
        LOGOUT,
        PASSWORD,
        CARETAKER,
        IDLE,
        EXPIRED,
        REPLACED;

        String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** An open session, for the caretaker's list. */
    public record SessionView(long id, Instant createdAt, Instant lastSeenAt, String userAgent, String address) {}

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int KEEP_DAYS = 30;

    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final AuditLog audit;
    private final LoginSessionRules rules;

    LoginSessions(AgroalDataSource dataSource, Clock clock, AuditLog audit) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.audit = audit;
        this.rules = LoginSessionRules.DEFAULT;
    }

    public LoginSessionRules rules() {
        return rules;
    }

    /**
     * Starts a session for a successful form login and sets its cookie on the response; a session this browser
     * still held ends as replaced.
     */
    public void start(RoutingContext rc, String username) {
        String old = token(rc);
        if (old != null) {
            endByToken(old, EndReason.REPLACED);
        }
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant now = clock.instant();
        String agent = rc.request().getHeader("User-Agent");
        String address = AccountIdentityProvider.clientAddress(rc);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO login_session (token_hash, account_id, created_at, last_seen_at, user_agent, address) "
                                + "SELECT ?, id, ?, ?, ?, ? FROM account WHERE lower(username) = lower(?)")) {
            ps.setBytes(1, hash(token));
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setString(4, agent == null ? null : cut(agent, 200));
            ps.setString(5, address == null ? null : cut(address, 64));
            ps.setString(6, username);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot start a session: " + e.getMessage(), e);
        }
        rc.response().addCookie(cookie(token).setSecure(rc.request().isSSL()));
    }

    /**
     * Whether the request's session token names a valid session of {@code username}; records the sighting at most
     * once per minute and marks an expired session as ended.
     */
    public boolean valid(RoutingContext rc, String username) {
        String token = rc == null ? null : token(rc);
        if (token == null) {
            return false;
        }
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            long id;
            LoginSessionRules.Verdict verdict;
            try (PreparedStatement ps = c.prepareStatement("SELECT s.id, s.created_at, s.last_seen_at, s.ended_at "
                    + "FROM login_session s JOIN account a ON a.id = s.account_id "
                    + "WHERE s.token_hash = ? AND lower(a.username) = lower(?)")) {
                ps.setBytes(1, hash(token));
                ps.setString(2, username);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                    id = rs.getLong(1);
                    Timestamp ended = rs.getTimestamp(4);
                    verdict = rules.judge(
                            rs.getTimestamp(2).toInstant(),
                            rs.getTimestamp(3).toInstant(),
                            ended == null ? null : ended.toInstant(),
                            now);
                }
            }
            switch (verdict) {
                case VALID_TOUCH ->
                    update(
                            c,
                            "UPDATE login_session SET last_seen_at = ? WHERE id = ? AND ended_at IS NULL",
                            now,
                            id,
                            null);
                case IDLE, EXPIRED ->
                    update(
                            c,
                            "UPDATE login_session SET ended_at = ?, ended_reason = ? WHERE id = ? "
                                    + "AND ended_at IS NULL",
                            now,
                            id,
                            (verdict == LoginSessionRules.Verdict.IDLE ? EndReason.IDLE : EndReason.EXPIRED).column());
                default -> {}
            }
            return verdict.valid();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read a session: " + e.getMessage(), e);
        }
    }

    /** Ends the request's session (logout) and expires both session cookies. */
    public void logout(RoutingContext rc, String sessionCookieName) {
        String token = token(rc);
        if (token != null) {
            endByToken(token, EndReason.LOGOUT);
        }
        expireCookies(rc, sessionCookieName);
    }

    /** Tells the browser to drop the session cookies (Quarkus' and ours). */
    public static void expireCookies(RoutingContext rc, String sessionCookieName) {
        rc.response()
                .addCookie(Cookie.cookie(sessionCookieName, "")
                        .setPath("/")
                        .setMaxAge(0)
                        .setHttpOnly(true)
                        .setSameSite(CookieSameSite.STRICT));
        rc.response().addCookie(cookie("").setMaxAge(0).setSecure(rc.request().isSSL()));
    }

    /**
     * Ends every open session of the account except the request's own (a password change: whoever holds a copy of
     * another session is out, the browser that changed it stays in).
     *
     * @return how many sessions ended
     */
    public int endOthers(long accountId, RoutingContext rc, EndReason reason) {
        String token = rc == null ? null : token(rc);
        byte[] keep = token == null ? new byte[0] : hash(token);
        return endWhere(
                "account_id = ? AND token_hash <> ?",
                ps -> {
                    ps.setLong(3, accountId);
                    ps.setBytes(4, keep);
                },
                reason);
    }

    /** Ends every open session of the account (the caretaker gave a new password). */
    public int endAll(long accountId, EndReason reason) {
        return endWhere("account_id = ?", ps -> ps.setLong(3, accountId), reason);
    }

    /**
     * The caretaker ends one session of a resident (or all, {@code sessionId} null); audited as
     * {@code account.session.end}.
     *
     * @return how many sessions ended
     */
    @Transactional
    public int endByCaretaker(long accountId, String username, Long sessionId, String actor) {
        int n = sessionId == null
                ? endAll(accountId, EndReason.CARETAKER)
                : endWhere(
                        "account_id = ? AND id = ?",
                        ps -> {
                            ps.setLong(3, accountId);
                            ps.setLong(4, sessionId);
                        },
                        EndReason.CARETAKER);
        if (n > 0) {
            audit.record(
                    actor,
                    "account.session.end",
                    "account:" + username,
                    java.util.Map.of("openSessions", sessionId == null ? "all" : "session " + sessionId),
                    java.util.Map.of("ended", n),
                    null);
        }
        return n;
    }

    /** The account's sessions that still count, newest first. */
    public List<SessionView> open(long accountId) {
        Instant now = clock.instant();
        List<SessionView> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT id, created_at, last_seen_at, user_agent, address FROM login_session "
                                + "WHERE account_id = ? AND ended_at IS NULL ORDER BY last_seen_at DESC, id DESC")) {
            ps.setLong(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant created = rs.getTimestamp(2).toInstant();
                    Instant seen = rs.getTimestamp(3).toInstant();
                    if (rules.judge(created, seen, null, now).valid()) {
                        out.add(new SessionView(rs.getLong(1), created, seen, rs.getString(4), rs.getString(5)));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot list sessions: " + e.getMessage(), e);
        }
        return out;
    }

    /** Forgets sessions that ended or were last seen more than 30 days ago (the caretaker's list shows open ones). */
    @Scheduled(every = "6h", delayed = "10m", identity = "login-session-purge")
    void purge() {
        Instant before = clock.instant().minus(Duration.ofDays(KEEP_DAYS));
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("DELETE FROM login_session WHERE last_seen_at < ? OR ended_at < ?")) {
            ps.setTimestamp(1, Timestamp.from(before));
            ps.setTimestamp(2, Timestamp.from(before));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot purge sessions: " + e.getMessage(), e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private int endWhere(String where, Binder binder, EndReason reason) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE login_session SET ended_at = ?, ended_reason = ? WHERE ended_at IS NULL AND "
                                + where)) {
            ps.setTimestamp(1, Timestamp.from(clock.instant()));
            ps.setString(2, reason.column());
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot end sessions: " + e.getMessage(), e);
        }
    }

    private void endByToken(String token, EndReason reason) {
        endWhere("token_hash = ?", ps -> ps.setBytes(3, hash(token)), reason);
    }

    private static void update(Connection c, String sql, Instant now, long id, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setTimestamp(i++, Timestamp.from(now));
            if (reason != null) {
                ps.setString(i++, reason);
            }
            ps.setLong(i, id);
            ps.executeUpdate();
        }
    }

    private static String token(RoutingContext rc) {
        Cookie c = rc.request().getCookie(COOKIE);
        String v = c == null ? null : c.getValue();
        return v == null || v.isEmpty() || v.length() > 100 ? null : v;
    }

    private static Cookie cookie(String value) {
        return Cookie.cookie(COOKIE, value).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.STRICT);
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
