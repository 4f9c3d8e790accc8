package org.hausmeter.accounts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The server's one {@link LoginThrottle}, configured by {@code hausmeter.login.*}, on the server's {@link Clock}
 * (so a test server on a pinned clock throttles consistently; with a demo time factor, lockouts pass faster too).
 */
@ApplicationScoped
public class LoginThrottleSettings {

    @ConfigProperty(name = "hausmeter.login.username-failures", defaultValue = "5")
    int usernameFailures;
    @ConfigProperty(name = "hausmeter.login.address-failures", defaultValue = "20")
    int addressFailures;
    @ConfigProperty(name = "hausmeter.login.lockout", defaultValue = "30s")
    Duration lockout;
    @ConfigProperty(name = "hausmeter.login.max-lockout", defaultValue = "15m")
    Duration maxLockout;
    @ConfigProperty(name = "hausmeter.login.forget-after", defaultValue = "1h")
    Duration forgetAfter;

    @Produces
    @Singleton
    LoginThrottle throttle(Clock clock) {
        return new LoginThrottle(new LoginThrottle.Policy(usernameFailures, addressFailures, lockout, maxLockout, forgetAfter),
                clock);
    }
}
