package org.hausmeter.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, for a few minutes, that a username and password matched the account's bcrypt hash, so an API
 * script sending HTTP basic credentials with every request does not cost a bcrypt check (~0.1 s) each time.
 * Only a SHA-256 of username, password and the stored hash is kept (never the password), and a changed
 * password (a new stored hash) no longer matches. Failures are never remembered. The time to live runs on
 * the server's {@link Clock}; a clock set back before a remembered check makes it count as expired.
 */
final class VerifiedCredentials {

    private static final int MAX_ENTRIES = 10_000;

    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Instant> verifiedAt = new ConcurrentHashMap<>();

    VerifiedCredentials(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    /** @return true when these credentials matched this stored hash within the time to live */
    boolean recentlyMatched(String username, String password, String storedHash) {
        Instant at = verifiedAt.get(key(username, password, storedHash));
        if (at == null) {
            return false;
        }
        Instant now = clock.instant();
        return !now.isBefore(at) && now.isBefore(at.plus(ttl));
    }

    /** Records a successful check; returns {@code matched}. */
    boolean remember(String username, String password, String storedHash, boolean matched) {
        if (matched) {
            if (verifiedAt.size() >= MAX_ENTRIES) {
                verifiedAt.clear();
            }
            verifiedAt.put(key(username, password, storedHash), clock.instant());
        }
        return matched;
    }

    private static String key(String username, String password, String storedHash) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {username.toLowerCase(), password, storedHash}) {
                byte[] b = part.getBytes(StandardCharsets.UTF_8);
                d.update(Integer.toString(b.length).getBytes(StandardCharsets.US_ASCII));
                d.update((byte) ':');
                d.update(b);
            }
            return java.util.HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
