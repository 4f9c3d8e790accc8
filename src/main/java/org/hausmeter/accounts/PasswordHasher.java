package org.hausmeter.accounts;

import io.quarkus.elytron.security.common.BcryptUtil;
import java.security.SecureRandom;

/**
 * bcrypt password hashes (modular crypt format {@code $2a$NN$...}), via Elytron.
 * Plain static helpers: no state but the cost factor.
 */
public final class PasswordHasher {

    /** bcrypt cost: 2^12 rounds, about 0.2 s on one core of a small server. */
    public static final int COST = 12;
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHasher() {
    }

    public static String hash(String password) {
        return hash(password, COST);
    }

    public static String hash(String password, int cost) {
        if (password == null || password.length() < 8) {
            throw new IllegalArgumentException("A password needs at least 8 characters");
        }
        return BcryptUtil.bcryptHash(password, cost);
    }

    public static boolean matches(String password, String hash) {
        if (password == null || hash == null) {
            return false;
        }
        return BcryptUtil.matches(password, hash);
    }

    /** A random password of {@code length} unambiguous letters and digits (for one-time passwords). */
    public static String randomPassword(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
