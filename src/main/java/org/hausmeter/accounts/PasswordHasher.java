package org.hausmeter.accounts;

import io.quarkus.elytron.security.common.BcryptUtil;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * bcrypt password hashes (modular crypt format {@code $2a$NN$...}), via Elytron.
 * Plain static helpers: no state but the cost factor and a count of the checks made.
 * <p>
 * bcrypt reads only the first {@value #MAX_BYTES} bytes of a password (Elytron encodes it as UTF-8; a 73rd
 * byte changes nothing, {@code PasswordHasherTest} shows it). A longer password would be cut without a word,
 * so {@link #hash} refuses it: at most 72 bytes, which is 72 letters of plain ASCII but only 36 of ä, ö, ü
 * or ß (two bytes each). See docs/security.md for why we refuse rather than pre-hash.
 */
public final class PasswordHasher {

    /** bcrypt cost: 2^12 rounds, about 0.2 s on one core of a small server. */
    public static final int COST = 12;
    /** The most bytes (UTF-8) of a password bcrypt reads. */
    public static final int MAX_BYTES = 72;

    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final LongAdder VERIFICATIONS = new LongAdder();

    private PasswordHasher() {}

    public static String hash(String password) {
        return hash(password, COST);
    }

    public static String hash(String password, int cost) {
        if (password == null || password.length() < 8) {
            throw new IllegalArgumentException("A password needs at least 8 characters");
        }
        if (!fitsBcrypt(password)) {
            throw new IllegalArgumentException(
                    "A password may have at most " + MAX_BYTES + " bytes in UTF-8 (this one has " + utf8Bytes(password)
                            + "): bcrypt ignores everything after that");
        }
        return BcryptUtil.bcryptHash(password, cost);
    }

    public static boolean matches(String password, String hash) {
        if (password == null || hash == null) {
            return false;
        }
        VERIFICATIONS.increment();
        return BcryptUtil.matches(password, hash);
    }

    /** The length of {@code password} in UTF-8, the bytes bcrypt counts. */
    public static int utf8Bytes(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length;
    }

    /** True when bcrypt reads all of {@code password} (at most {@value #MAX_BYTES} bytes in UTF-8). */
    public static boolean fitsBcrypt(String password) {
        // Every UTF-16 unit takes at least one byte in UTF-8: a longer string need not be encoded to know.
        return password.length() <= MAX_BYTES && utf8Bytes(password) <= MAX_BYTES;
    }

    /**
     * A bcrypt hash of the same cost as stored passwords, of a random password nobody knows: a login of an unknown
     * user (or of an account without a password) is checked against it, so it costs as long as a wrong password
     * of a real account and the answer's timing does not tell which usernames exist.
     */
    public static String dummyHash() {
        return Dummy.HASH;
    }

    /** How many bcrypt verifications {@link #matches} has run in this process (a hook for tests and metrics). */
    public static long verifications() {
        return VERIFICATIONS.sum();
    }

    /** A random password of {@code length} unambiguous letters and digits (for one-time passwords). */
    public static String randomPassword(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** Computed on first use (one bcrypt hash, as long as one check). */
    private static final class Dummy {
        static final String HASH = BcryptUtil.bcryptHash(randomPassword(24), COST);
    }
}
