package org.hausmeter.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Login throttling in memory, in three layers, with bounded memory whatever is typed (docs/security.md, "Logins").
 * <ol>
 * <li><b>Per client address</b>: {@code addressFailures} failed logins from one address lock that address, for
 * every username. While an address is locked, nothing at all is stored for its attempts.</li>
 * <li><b>Per address and username</b>: {@code addressUsernameFailures} failures of one username from one address
 * lock that username <em>from that address</em>, even for the right password.</li>
 * <li><b>Per account</b>: {@code accountFailures} failures of one username from anywhere lock it for clients
 * that are not known to the account: a client is known when it shows the account's device cookie
 * ({@link KnownDevices}) or comes from an address the account logged in from successfully within
 * {@code knownFor}. So a flood of wrong passwords from elsewhere slows guessing to a few tries an hour but does
 * not lock the caretaker out of their own browser or their script's machine.</li>
 * </ol>
 * A lock lasts {@code base} and doubles with each further failure up to {@code max}; failures are forgotten
 * {@code forgetAfter} after the last one. Attempts refused by a lock are not counted (they do not lengthen it).
 * <p>
 * An admitted attempt counts as a failure <em>before</em> its password is checked ({@link #admit}), and a
 * success takes that back ({@link #succeeded}): a burst of parallel requests cannot slip more attempts past a
 * threshold than it allows.
 * <p>
 * <b>Bounded memory</b>: a username no account can have (longer than {@link #MAX_USERNAME_LENGTH}, blank, or
 * with characters the account table refuses) is stored nowhere; only its address counts. Counters of existing accounts are kept apart from those of unknown usernames, so a flood of
 * invented names can only push out other invented names. Every map holds at most {@code maxEntries} entries,
 * ordered by their last change: expired entries and then the oldest are dropped first. Each account keeps at most
 * {@value #KNOWN_ADDRESSES_PER_ACCOUNT} known addresses, so one resident logging in from many addresses cannot
 * push out the caretaker's.
 * <p>
 * Thread-safe (one lock; every operation is a few map look-ups). Pure apart from the injected clock; a restart
 * forgets everything, which only shortens a lockout.
 */
public final class LoginThrottle {

    /** The longest username an account can have (Residents, FirstRun: 2 to 64 characters). */
    public static final int MAX_USERNAME_LENGTH = 64;
    /** What the account table allows (V1's CHECK on account.username; Residents and FirstRun ask the same). */
    private static final Pattern POSSIBLE_USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
    /** Addresses remembered per account as known. */
    static final int KNOWN_ADDRESSES_PER_ACCOUNT = 8;

    /** Thresholds, windows and the size cap; see the class comment. */
    public record Policy(
            int addressFailures,
            int addressUsernameFailures,
            int accountFailures,
            Duration base,
            Duration max,
            Duration forgetAfter,
            Duration knownFor,
            int maxEntries) {
        public Policy {
            if (addressFailures < 1
                    || addressUsernameFailures < 1
                    || accountFailures < 1
                    || base.isNegative()
                    || base.isZero()
                    || max.compareTo(base) < 0
                    || forgetAfter.compareTo(max) < 0
                    || knownFor.isNegative()
                    || knownFor.isZero()
                    || maxEntries < 1) {
                throw new IllegalArgumentException(
                        "Login throttle policy [" + addressFailures + ", " + addressUsernameFailures
                                + ", " + accountFailures + ", " + base + ", " + max + ", " + forgetAfter + ", "
                                + knownFor + ", "
                                + maxEntries + "] is not consistent");
            }
        }
    }

    /** How many entries each structure holds now. */
    public record Sizes(
            int addresses,
            int addressUsernames,
            int accounts,
            int unknownUsernames,
            int lastAttempts,
            int knownAccounts,
            int knownAddresses) {}

    private final Policy policy;
    private final Clock clock;
    private final Counters addresses;
    private final Counters pairs;
    private final Counters accounts;
    private final Counters unknownUsernames;
    /** Per address, the attempt last tried from it: what its login page reports. */
    private final LinkedHashMap<String, LastAttempt> lastAttempts = new LinkedHashMap<>();
    /** Per account (normal username), the addresses it logged in from and when it last did. */
    private final LinkedHashMap<String, LinkedHashMap<String, Instant>> known = new LinkedHashMap<>();

    private record LastAttempt(String username, boolean knownDevice, Instant at) {}

    public LoginThrottle(Policy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
        this.addresses = new Counters(policy.addressFailures());
        this.pairs = new Counters(policy.addressUsernameFailures());
        this.accounts = new Counters(policy.accountFailures());
        this.unknownUsernames = new Counters(policy.accountFailures());
    }

    /**
     * The key a username is counted under: lower case; null when no account can have it (null, longer than
     * {@link #MAX_USERNAME_LENGTH}, or not of the form the account table allows): nothing is stored for it.
     */
    public static String normalUsername(String username) {
        if (username == null || username.length() > MAX_USERNAME_LENGTH) {
            return null;
        }
        String lower = username.toLowerCase(Locale.ROOT);
        return POSSIBLE_USERNAME.matcher(lower).matches() ? lower : null;
    }

    /**
     * How long {@code username} from {@code address} must still wait before a login is checked; {@link Duration#ZERO}
     * when it may try now. Stores nothing. Either may be null (unknown).
     *
     * @param knownDevice the client showed this account's device cookie (or holds a session of it)
     */
    public synchronized Duration waitFor(String username, String address, boolean knownDevice) {
        Instant now = clock.instant();
        String user = normalUsername(username);
        return longest(
                addresses.remaining(address, now),
                pairs.remaining(pairKey(address, user), now),
                accountWait(user, address, knownDevice, now));
    }

    /**
     * {@link #waitFor}, and the attempt is noted for the login page of its address ({@link #waitForAddress}) unless the
     * address itself is locked (then nothing is stored). For a first look before the account is looked up.
     */
    public synchronized Duration ask(String username, String address, boolean knownDevice) {
        Instant now = clock.instant();
        Duration addressWait = addresses.remaining(address, now);
        if (!addressWait.isZero()) {
            return addressWait;
        }
        String user = normalUsername(username);
        if (address != null) {
            put(lastAttempts, address, new LastAttempt(user, knownDevice, now));
        }
        return longest(
                pairs.remaining(pairKey(address, user), now),
                accountWait(user, address, knownDevice, now),
                Duration.ZERO);
    }

    /**
     * Asks to check a password. {@link Duration#ZERO}: go ahead; the attempt is counted as a failure already, call
     * {@link #succeeded} if the password matches. Otherwise the wait, and the password must not be checked; a
     * refused attempt is not counted, and nothing is stored for a locked address.
     *
     * @param accountExists an account of this username exists (its counter is kept with the accounts', not with the
     *                      invented names')
     */
    public synchronized Duration admit(String username, String address, boolean knownDevice, boolean accountExists) {
        Duration wait = ask(username, address, knownDevice);
        if (!wait.isZero()) {
            return wait;
        }
        Instant now = clock.instant();
        String user = normalUsername(username);
        addresses.fail(address, now);
        pairs.fail(pairKey(address, user), now);
        (accountExists ? accounts : unknownUsernames).fail(user, now);
        return Duration.ZERO;
    }

    /**
     * The admitted attempt of {@code username} from {@code address} had the right password: its advance failure is
     * taken back, the username's failures from this address are cleared, and the address becomes known to the
     * account. The account's failures from elsewhere stay (a guesser's lock must not end because the owner logs in).
     */
    public synchronized void succeeded(String username, String address, boolean accountExists) {
        Instant now = clock.instant();
        String user = normalUsername(username);
        addresses.refund(address);
        pairs.clear(pairKey(address, user));
        (accountExists ? accounts : unknownUsernames).refund(user);
        if (address != null) {
            lastAttempts.remove(address);
            if (accountExists && user != null) {
                rememberAddress(user, address, now);
            }
        }
    }

    /**
     * The wait to show on a login page requested from {@code address}: that of the attempt last made from it
     * (address, username from there, and the account's lock if that attempt's client was not known to it).
     */
    public synchronized Duration waitForAddress(String address) {
        if (address == null) {
            return Duration.ZERO;
        }
        Instant now = clock.instant();
        LastAttempt last = lastAttempts.get(address);
        if (last == null || expired(last.at(), now)) {
            return addresses.remaining(address, now);
        }
        return longest(
                addresses.remaining(address, now),
                pairs.remaining(pairKey(address, last.username()), now),
                accountWait(last.username(), address, last.knownDevice(), now));
    }

    /** True when {@code username} logged in successfully from {@code address} within the policy's known-for time. */
    public synchronized boolean knownAddress(String username, String address) {
        return isKnown(normalUsername(username), address, clock.instant());
    }

    /** Drops what has expired; the server runs it every 10 minutes (memory stays bounded without it too). */
    public synchronized void purge() {
        Instant now = clock.instant();
        addresses.purge(now);
        pairs.purge(now);
        accounts.purge(now);
        unknownUsernames.purge(now);
        lastAttempts.values().removeIf(l -> expired(l.at(), now));
        known.values().removeIf(byAddress -> {
            byAddress.values().removeIf(at -> !now.isBefore(at.plus(policy.knownFor())));
            return byAddress.isEmpty();
        });
    }

    public synchronized Sizes sizes() {
        return new Sizes(
                addresses.map.size(),
                pairs.map.size(),
                accounts.map.size(),
                unknownUsernames.map.size(),
                lastAttempts.size(),
                known.size(),
                known.values().stream().mapToInt(LinkedHashMap::size).sum());
    }

    public Policy policy() {
        return policy;
    }

    private Duration accountWait(String user, String address, boolean knownDevice, Instant now) {
        if (user == null || knownDevice || isKnown(user, address, now)) {
            return Duration.ZERO;
        }
        return longest(accounts.remaining(user, now), unknownUsernames.remaining(user, now), Duration.ZERO);
    }

    private boolean isKnown(String user, String address, Instant now) {
        LinkedHashMap<String, Instant> byAddress = user == null || address == null ? null : known.get(user);
        Instant at = byAddress == null ? null : byAddress.get(address);
        return at != null && now.isBefore(at.plus(policy.knownFor()));
    }

    private void rememberAddress(String user, String address, Instant now) {
        LinkedHashMap<String, Instant> byAddress = known.remove(user);
        if (byAddress == null) {
            byAddress = new LinkedHashMap<>();
        }
        byAddress.remove(address);
        byAddress.put(address, now);
        dropEldestBeyond(byAddress, KNOWN_ADDRESSES_PER_ACCOUNT);
        known.put(user, byAddress);
        dropEldestBeyond(known, policy.maxEntries());
    }

    /** Puts {@code value} as the newest entry and keeps the map within the cap. */
    private <V> void put(LinkedHashMap<String, V> map, String key, V value) {
        map.remove(key);
        map.put(key, value);
        dropEldestBeyond(map, policy.maxEntries());
    }

    private static void dropEldestBeyond(LinkedHashMap<String, ?> map, int cap) {
        Iterator<String> it = map.keySet().iterator();
        while (map.size() > cap && it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    private boolean expired(Instant lastFailure, Instant now) {
        return !lastFailure.plus(policy.forgetAfter()).isAfter(now);
    }

    private static String pairKey(String address, String user) {
        // An address never contains a space, so the key cannot be read two ways.
        return address == null || user == null ? null : address + ' ' + user;
    }

    private static Duration longest(Duration a, Duration b, Duration c) {
        Duration ab = a.compareTo(b) >= 0 ? a : b;
        return ab.compareTo(c) >= 0 ? ab : c;
    }

    private static final class Counter {
        int failures;
        Instant lastFailure;
        Instant lockedUntil;
        /** The lock before the last failure, restored when that failure is taken back. */
        Instant lockedBefore;
    }

    /** Failure counters of one kind, at most {@code maxEntries}, ordered by their last failure (oldest first). */
    private final class Counters {
        private final int threshold;
        private final LinkedHashMap<String, Counter> map = new LinkedHashMap<>();

        Counters(int threshold) {
            this.threshold = threshold;
        }

        Duration remaining(String key, Instant now) {
            Counter c = key == null ? null : map.get(key);
            if (c == null || c.lockedUntil == null || !c.lockedUntil.isAfter(now)) {
                return Duration.ZERO;
            }
            return Duration.between(now, c.lockedUntil);
        }

        void fail(String key, Instant now) {
            if (key == null) {
                return;
            }
            Counter c = map.remove(key); // put back as the newest: the map stays ordered by last failure
            if (c == null || expired(c.lastFailure, now)) {
                c = new Counter();
            }
            c.failures++;
            c.lastFailure = now;
            c.lockedBefore = c.lockedUntil;
            if (c.failures >= threshold) {
                int doublings = Math.min(c.failures - threshold, 30);
                Duration window = policy.base().multipliedBy(1L << doublings);
                c.lockedUntil = now.plus(window.compareTo(policy.max()) > 0 ? policy.max() : window);
            }
            map.put(key, c);
            // The oldest entries expire first: drop them, and the oldest live ones beyond the cap.
            Iterator<Counter> it = map.values().iterator();
            while (it.hasNext()) {
                Counter oldest = it.next();
                if (map.size() <= policy.maxEntries() && !expired(oldest.lastFailure, now)) {
                    break;
                }
                it.remove();
            }
        }

        /**
         * Takes back one failure counted in advance: the count goes down and the lock is what it was before the last
         * failure (so the owner logging in does not lengthen a lock of strangers). With several attempts of one key
         * under way at once this restores the lock before the latest of them: close enough, and never shorter than
         * the failures counted deserve.
         */
        void refund(String key) {
            Counter c = key == null ? null : map.get(key);
            if (c == null) {
                return;
            }
            c.failures--;
            if (c.failures <= 0) {
                map.remove(key);
            } else if (c.failures < threshold) {
                c.lockedUntil = null;
            } else {
                c.lockedUntil = c.lockedBefore;
            }
        }

        void clear(String key) {
            if (key != null) {
                map.remove(key);
            }
        }

        void purge(Instant now) {
            map.values().removeIf(c -> expired(c.lastFailure, now));
        }
    }
}
