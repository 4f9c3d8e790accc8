package org.hausmeter.platform;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key that encrypts login session cookies when the operator configured none: generated on the
 * first start (32 random bytes) and kept in {@value #FILE} in the data directory, readable by the
 * server's user only, so sessions survive a restart and no key ever sits in the repository. When
 * nothing is embedded there is no data directory to use: the key then lives in memory only (a
 * warning at start says so; the operator sets {@code HAUSMETER_SESSION_KEY}).
 */
public final class SessionKey {

    public static final String FILE = "session.key";
    public static final String PROPERTY = "quarkus.http.auth.session.encryption-key";

    private SessionKey() {}

    /** Set by the launcher when the key lives only in memory (nothing embedded, no key configured). */
    public static final String TEMPORARY = "hausmeter.session-key.temporary";

    /** A key for this process only: sessions end when the server restarts. */
    public static String temporary() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The key in {@code dataDir}, created first if missing (the data directory with mode 0700, the file 0600). */
    public static String ensure(Path dataDir) throws IOException {
        return LocalFiles.secret(dataDir, FILE, SessionKey::temporary);
    }
}
