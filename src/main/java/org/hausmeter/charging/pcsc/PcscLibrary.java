package org.hausmeter.charging.pcsc;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * javax.smartcardio on Linux, made to work on Debian and to survive a pcscd restart.
 * <ul>
 * <li>The JDK looks for {@code libpcsclite.so} in {@code /usr/lib64} unless
 * {@code sun.security.smartcardio.library} is set; Debian's {@code libpcsclite1} installs
 * {@code /usr/lib/<arch>-linux-gnu/libpcsclite.so.1} (docs/domain.md 5). {@link #configure} sets the
 * property to the first library that exists, before the first use of PC/SC.</li>
 * <li>The JDK (17) keeps one PC/SC context for the whole JVM and caches its terminals with that
 * context; after pcscd restarts, every call fails with {@code SCARD_E_NO_SERVICE} forever.
 * {@link #resetContext} drops both, so the next use establishes a new context: by reflection when
 * the JVM runs with {@code --add-opens java.smartcardio/sun.security.smartcardio=ALL-UNNAMED}, else
 * through {@code sun.misc.Unsafe}. If neither works (a future JDK) the readers stay unavailable after
 * a pcscd restart until the server restarts, which is logged once.</li>
 * </ul>
 */
public final class PcscLibrary {

    /** Where Debian, Ubuntu and others put the library. */
    static final List<String> CANDIDATES = List.of(
            "/usr/lib/x86_64-linux-gnu/libpcsclite.so.1",
            "/usr/lib/aarch64-linux-gnu/libpcsclite.so.1",
            "/usr/lib64/libpcsclite.so.1",
            "/usr/lib64/libpcsclite.so",
            "/usr/lib/libpcsclite.so.1",
            "/usr/local/lib/libpcsclite.so.1");

    private PcscLibrary() {}

    /**
     * Sets {@code sun.security.smartcardio.library} (unless already set) to {@code configured} or the
     * first candidate that exists; returns the library used, or empty when none exists.
     */
    public static synchronized Optional<String> configure(Optional<String> configured) {
        String set = System.getProperty("sun.security.smartcardio.library");
        if (set != null) {
            return Files.exists(Path.of(set)) ? Optional.of(set) : Optional.empty();
        }
        List<String> candidates = configured.map(List::of).orElse(CANDIDATES);
        for (String c : candidates) {
            if (Files.exists(Path.of(c))) {
                System.setProperty("sun.security.smartcardio.library", c);
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * Forgets the JDK's PC/SC context and cached terminals (after pcscd went away). Returns false when
     * the JDK internals are not open to us (no {@code --add-opens}).
     */
    public static boolean resetContext() {
        Class<?> terminals;
        Field context;
        Field cache;
        try {
            terminals = Class.forName("sun.security.smartcardio.PCSCTerminals");
            context = terminals.getDeclaredField("contextId");
            cache = terminals.getDeclaredField("terminals");
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
        synchronized (terminals) {
            try {
                context.setAccessible(true);
                cache.setAccessible(true);
                context.setLong(null, 0L);
                ((Map<?, ?>) cache.get(null)).clear();
                return true;
            } catch (ReflectiveOperationException | RuntimeException notOpened) {
                return resetWithUnsafe(context, cache);
            }
        }
    }

    /**
     * The same without {@code --add-opens}: {@code sun.misc.Unsafe} (module jdk.unsupported, exported)
     * writes the static fields. Works on JDK 17-21; later JDKs warn about or remove these methods.
     */
    @SuppressWarnings({"deprecation", "removal"})
    private static boolean resetWithUnsafe(Field context, Field cache) {
        try {
            Field theUnsafe = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            sun.misc.Unsafe unsafe = (sun.misc.Unsafe) theUnsafe.get(null);
            Object base = unsafe.staticFieldBase(context);
            unsafe.putLongVolatile(base, unsafe.staticFieldOffset(context), 0L);
            Object map = unsafe.getObjectVolatile(unsafe.staticFieldBase(cache), unsafe.staticFieldOffset(cache));
            ((Map<?, ?>) map).clear();
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return false;
        }
    }
}
