package org.hausmeter.web.security;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * CSRF tokens for browser forms and scripts.
 * <p>
 * Each browser gets a random seed in the cookie {@value #COOKIE} (HttpOnly, SameSite=Strict, for the
 * browser session); its token is HMAC-SHA256(server key, seed). A form sends the token as the field
 * {@value #FIELD} (templates write {@code {#csrf /}}), a script as the header {@value #HEADER} (the
 * layout has it in {@code <meta name="csrf-token">}). {@link CsrfFilter} refuses an unsafe request
 * whose token does not match its cookie. The server key derives from the session encryption key,
 * so tokens survive a restart exactly as long as sessions do; another site can neither read the
 * token nor forge one for a seed it planted.
 * <p>
 * In templates: {@code {inject:csrf.token}}, {@code {inject:csrf.field}}, {@code {inject:csrf.header}}.
 */
@ApplicationScoped
@Named("csrf")
public class Csrf {

    public static final String COOKIE = "hausmeter-csrf";
    public static final String FIELD = "_csrf";
    public static final String HEADER = "X-CSRF-Token";
    private static final String SEED = Csrf.class.getName() + ".seed";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;
    private final CurrentVertxRequest request;

    Csrf(
            @ConfigProperty(name = "quarkus.http.auth.session.encryption-key") Optional<String> sessionKey,
            CurrentVertxRequest request) {
        this.request = request;
        this.key = sessionKey.filter(k -> !k.isBlank()).map(Csrf::derive).orElseGet(() -> {
            byte[] k = new byte[32];
            RANDOM.nextBytes(k);
            return k;
        });
    }

    /** The token of the current request's browser; sets the seed cookie when the browser has none yet. */
    public String token() {
        RoutingContext rc = request.getCurrent();
        if (rc == null) {
            throw new IllegalStateException("A CSRF token exists only while serving an HTTP request");
        }
        return tokenFor(seed(rc));
    }

    public String field() {
        return FIELD;
    }

    public String header() {
        return HEADER;
    }

    /** True when {@code token} belongs to the seed cookie of the request. */
    public boolean valid(RoutingContext rc, String token) {
        Cookie cookie = rc.request().getCookie(COOKIE);
        if (cookie == null || token == null || token.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(
                tokenFor(cookie.getValue()).getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Gives the browser a new seed (and so a new token) in this response, whatever it had: called at every login,
     * so a seed planted or read before the login is worth nothing after it.
     */
    public void renew(RoutingContext rc) {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        String seed = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        rc.put(SEED, seed);
        String cookie = Cookie.cookie(COOKIE, seed)
                .setPath("/")
                .setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT)
                .setSecure(rc.request().isSSL())
                .encode();
        rc.addHeadersEndHandler(v -> rc.response().headers().add("Set-Cookie", cookie));
    }

    private String seed(RoutingContext rc) {
        String seed = rc.get(SEED);
        if (seed != null) {
            return seed;
        }
        Cookie cookie = rc.request().getCookie(COOKIE);
        if (cookie != null && cookie.getValue().length() >= 32) {
            seed = cookie.getValue();
        } else {
            byte[] b = new byte[32];
            RANDOM.nextBytes(b);
            seed = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
            rc.response()
                    .addCookie(Cookie.cookie(COOKIE, seed)
                            .setPath("/")
                            .setHttpOnly(true)
                            .setSameSite(CookieSameSite.STRICT)
                            .setSecure(rc.request().isSSL()));
        }
        rc.put(SEED, seed);
        return seed;
    }

    private String tokenFor(String seed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(seed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static byte[] derive(String sessionKey) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(("hausmeter-csrf|" + sessionKey).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
