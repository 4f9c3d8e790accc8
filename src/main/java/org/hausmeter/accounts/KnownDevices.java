package org.hausmeter.accounts;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Device cookies (OWASP's "slow down online guessing attacks with device cookies"): after a successful form login
 * the browser gets {@value #COOKIE}, which says "this browser logged in as USER at T", signed with HMAC-SHA256 by a
 * key derived from the session key. While an account is locked for strangers ({@link LoginThrottle}, third
 * layer), a browser showing that account's cookie still gets its password checked. The cookie holds no secret
 * (a username and a time); without the key it cannot be made, and it is only sent to the login form's POST
 * ({@code Path}), HttpOnly and SameSite=Strict. Stateless: it survives a restart as long as the session key does.
 */
public final class KnownDevices {

    public static final String COOKIE = "hausmeter-device";
    private static final String VERSION = "1";
    /** Longer values are not even parsed. */
    private static final int MAX_VALUE_LENGTH = 300;

    private final byte[] key;
    private final Clock clock;
    private final Duration validity;
    private final String path;

    /**
     * @param key      the signing key (derive it from the session key; see {@link #keyFrom(String)})
     * @param validity how long a cookie vouches for its browser after the login that issued it
     * @param path     where the browser sends it: the form login's POST location
     */
    public KnownDevices(byte[] key, Clock clock, Duration validity, String path) {
        this.key = key.clone();
        this.clock = clock;
        this.validity = validity;
        this.path = path;
    }

    /** The signing key for a session key: its own derivation, so a device cookie is never valid as anything else. */
    public static byte[] keyFrom(String sessionKey) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(("hausmeter-device|" + sessionKey).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** True when the request carries a valid device cookie of {@code username}. */
    public boolean knows(RoutingContext rc, String username) {
        Cookie cookie = rc == null ? null : rc.request().getCookie(COOKIE);
        return cookie != null && vouchesFor(cookie.getValue(), username);
    }

    /** Gives the browser of this request a device cookie of {@code username} (replacing one it had). */
    public void remember(RoutingContext rc, String username) {
        rc.response()
                .addCookie(Cookie.cookie(COOKIE, issue(username))
                        .setPath(path)
                        .setHttpOnly(true)
                        .setSameSite(CookieSameSite.STRICT)
                        .setSecure(rc.request().isSSL())
                        .setMaxAge(validity.toSeconds()));
    }

    /** A cookie value for {@code username}, issued now. */
    String issue(String username) {
        String payload = VERSION + "."
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(username.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8))
                + "." + clock.instant().getEpochSecond();
        return payload + "." + mac(payload);
    }

    /** True when {@code value} was issued by this key for {@code username} and is within its validity. */
    boolean vouchesFor(String value, String username) {
        if (value == null || username == null || value.length() > MAX_VALUE_LENGTH) {
            return false;
        }
        int cut = value.lastIndexOf('.');
        if (cut < 0) {
            return false;
        }
        String payload = value.substring(0, cut);
        if (!MessageDigest.isEqual(
                mac(payload).getBytes(StandardCharsets.US_ASCII),
                value.substring(cut + 1).getBytes(StandardCharsets.US_ASCII))) {
            return false;
        }
        String[] parts = payload.split("\\.", -1);
        if (parts.length != 3 || !parts[0].equals(VERSION)) {
            return false;
        }
        try {
            String user = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            Instant issued = Instant.ofEpochSecond(Long.parseLong(parts[2]));
            Instant now = clock.instant();
            // A cookie from the future (clock set back) counts as far as a minute; a stale one not at all.
            return user.equals(username.toLowerCase(Locale.ROOT))
                    && !issued.isAfter(now.plusSeconds(60))
                    && now.isBefore(issued.plus(validity));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            return false;
        }
    }

    private String mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
