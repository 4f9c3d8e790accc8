package org.hausmeter.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, for a few minutes, that a username and password matched the account's bcrypt hash, so an API
 * script sending HTTP basic credentials with every request does not cost a bcrypt check (~0.1 s) each time.
 * Only a SHA-256 of username, password and the stored hash is kept (never the password), and a changed
 * password (a new stored hash) no longer matches. Failures are never remembered.
 */
final class VerifiedCredentials {

    private static final int MAX_ENTRIES = 10_000;

    private final long ttlNanos;
    private final Map<String, Long> verifiedAt = new ConcurrentHashMap<>();

    VerifiedCredentials(Duration ttl) {
        this.ttlNanos = ttl.toNanos();
    }

    /** @return true when these credentials matched this stored hash within the time to live */
    boolean recentlyMatched(String username, String password, String storedHash) {
        Long at = verifiedAt.get(key(username, password, storedHash));
        return at != null && System.nanoTime() - at < ttlNanos;
    }

    /** Records a successful check; returns {@code matched}. */
    boolean remember(String username, String password, String storedHash, boolean matched) {
        if (matched) {
            if (verifiedAt.size() >= MAX_ENTRIES) {
                verifiedAt.clear();
            }
            verifiedAt.put(key(username, password, storedHash), System.nanoTime());
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
