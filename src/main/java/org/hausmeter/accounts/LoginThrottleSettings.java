package org.hausmeter.accounts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The server's one {@link LoginThrottle} and its {@link KnownDevices}, configured by {@code hausmeter.login.*}, on the
 * server's {@link Clock} (so a test server on a pinned clock throttles consistently; with a demo time factor,
 * lockouts pass faster too). See docs/security.md, "Logins".
 */
@ApplicationScoped
public class LoginThrottleSettings {

    @ConfigProperty(name = "hausmeter.login.address-failures", defaultValue = "20")
    int addressFailures;

    @ConfigProperty(name = "hausmeter.login.address-username-failures", defaultValue = "5")
    int addressUsernameFailures;

    @ConfigProperty(name = "hausmeter.login.account-failures", defaultValue = "10")
    int accountFailures;

    @ConfigProperty(name = "hausmeter.login.lockout", defaultValue = "30s")
    Duration lockout;

    @ConfigProperty(name = "hausmeter.login.max-lockout", defaultValue = "15m")
    Duration maxLockout;

    @ConfigProperty(name = "hausmeter.login.forget-after", defaultValue = "1h")
    Duration forgetAfter;

    @ConfigProperty(name = "hausmeter.login.known-for", defaultValue = "90d")
    Duration knownFor;

    @ConfigProperty(name = "hausmeter.login.max-entries", defaultValue = "10000")
    int maxEntries;

    @ConfigProperty(name = "quarkus.http.auth.session.encryption-key")
    Optional<String> sessionKey;

    @ConfigProperty(name = "quarkus.http.auth.form.post-location", defaultValue = "/j_security_check")
    String postLocation;

    @Produces
    @Singleton
    LoginThrottle throttle(Clock clock) {
        return new LoginThrottle(
                new LoginThrottle.Policy(
                        addressFailures,
                        addressUsernameFailures,
                        accountFailures,
                        lockout,
                        maxLockout,
                        forgetAfter,
                        knownFor,
                        maxEntries),
                clock);
    }

    /**
     * Device cookies signed with a key derived from the session key; without one (a server whose sessions end at a
     * restart anyway), a random key: device cookies then end at a restart too.
     */
    @Produces
    @Singleton
    KnownDevices knownDevices(Clock clock) {
        byte[] key = sessionKey
                .filter(k -> !k.isBlank())
                .map(KnownDevices::keyFrom)
                .orElseGet(() -> {
                    byte[] k = new byte[32];
                    new SecureRandom().nextBytes(k);
                    return k;
                });
        return new KnownDevices(key, clock, knownFor, postLocation.startsWith("/") ? postLocation : "/" + postLocation);
    }
}
