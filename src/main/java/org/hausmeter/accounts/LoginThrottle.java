package org.hausmeter.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Login throttling per username and per client address, in memory.
 * <p>
 * Each key (a lower-case username, a client address) counts failed logins. Once a key reaches its
 * threshold, every further attempt is refused without checking the password for a lockout window
 * that starts at {@code base} and doubles with each further failure, up to {@code max}. A key
 * forgets its failures {@code forgetAfter} after its last failure. A successful login clears the
 * username's counter; the address's counter only expires (an attacker's own valid account must not
 * reset the address they guess from).
 * <p>
 * Thread-safe. Pure apart from the injected clock; the counters live as long as the process (a
 * restart forgets them, which only shortens a lockout).
 */
public final class LoginThrottle {

    /** Thresholds and windows; see the class comment. */
    public record Policy(int usernameThreshold, int addressThreshold, Duration base, Duration max, Duration forgetAfter) {
        public Policy {
            if (usernameThreshold < 1 || addressThreshold < 1 || base.isNegative() || base.isZero()
                    || max.compareTo(base) < 0 || forgetAfter.compareTo(max) < 0) {
                throw new IllegalArgumentException("Login throttle policy [" + usernameThreshold + ", " + addressThreshold
                        + ", " + base + ", " + max + ", " + forgetAfter + "] is not consistent");
            }
        }
    }

    private record Counter(int failures, Instant lastFailure, Instant lockedUntil) {
    }

    private final Policy policy;
    private final Clock clock;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, String> lastUsernameByAddress = new ConcurrentHashMap<>();

    public LoginThrottle(Policy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * How long {@code username} from {@code address} must still wait before a login is checked;
     * {@link Duration#ZERO} when it may try now. Either argument may be null (unknown).
     */
    public Duration waitFor(String username, String address) {
        Instant now = clock.instant();
        Duration a = remaining(userKey(username), now);
        Duration b = remaining(addressKey(address), now);
        return a.compareTo(b) >= 0 ? a : b;
    }

    /**
     * The wait to show on a login page requested from {@code address}: that of the address and of the
     * username last tried from it.
     */
    public Duration waitForAddress(String address) {
        String last = address == null ? null : lastUsernameByAddress.get(address);
        return waitFor(last, address);
    }

    public void failed(String username, String address) {
        Instant now = clock.instant();
        count(userKey(username), policy.usernameThreshold(), now);
        count(addressKey(address), policy.addressThreshold(), now);
        if (address != null && username != null) {
            lastUsernameByAddress.put(address, normal(username));
        }
    }

    public void succeeded(String username, String address) {
        if (username != null) {
            counters.remove(userKey(username));
        }
        if (address != null) {
            lastUsernameByAddress.remove(address);
        }
    }

    /** Drops counters that have expired; callers may run this now and then to bound memory. */
    public void purge() {
        Instant now = clock.instant();
        counters.entrySet().removeIf(e -> expired(e.getValue(), now));
        lastUsernameByAddress.entrySet().removeIf(e -> !counters.containsKey(userKey(e.getValue()))
                && !counters.containsKey(addressKey(e.getKey())));
    }

    private void count(String key, int threshold, Instant now) {
        if (key == null) {
            return;
        }
        counters.compute(key, (k, c) -> {
            int failures = c == null || expired(c, now) ? 1 : c.failures() + 1;
            Instant lockedUntil = null;
            if (failures >= threshold) {
                int doublings = Math.min(failures - threshold, 30);
                Duration window = policy.base().multipliedBy(1L << doublings);
                lockedUntil = now.plus(window.compareTo(policy.max()) > 0 ? policy.max() : window);
            }
            return new Counter(failures, now, lockedUntil);
        });
    }

    private Duration remaining(String key, Instant now) {
        Counter c = key == null ? null : counters.get(key);
        if (c == null || c.lockedUntil() == null || !c.lockedUntil().isAfter(now)) {
            return Duration.ZERO;
        }
        return Duration.between(now, c.lockedUntil());
    }

    private boolean expired(Counter c, Instant now) {
        return !c.lastFailure().plus(policy.forgetAfter()).isAfter(now);
    }

    private static String userKey(String username) {
        return username == null || username.isBlank() ? null : "u:" + normal(username);
    }

    private static String addressKey(String address) {
        return address == null || address.isBlank() ? null : "a:" + address;
    }

    private static String normal(String username) {
        return username.trim().toLowerCase(Locale.ROOT);
    }
}
