package org.hausmeter.live;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One value read from the database and reused for a while by every caller: while it is younger than
 * {@code reuse} and was read for the same key (e.g. the local day). Two callers that both find it stale
 * may both read; the later one wins, which is harmless for values that are only displayed.
 *
 * @param <K> what the value was read for
 * @param <T> the value; shared, so it must not be changed by callers
 */
final class Reused<K, T> {

    /** Reads the value; may fail like the database read it wraps. */
    @FunctionalInterface
    interface Reader<K, T, E extends Exception> {
        T read(K key) throws E;
    }

    private record Kept<K, T>(Instant at, K key, T value) {}

    private final Duration reuse;
    private volatile Kept<K, T> kept;

    Reused(Duration reuse) {
        if (reuse.isNegative() || reuse.isZero()) {
            throw new IllegalArgumentException("reuse time must be positive: " + reuse);
        }
        this.reuse = reuse;
    }

    /** The kept value when it is fresh for {@code key} at {@code now}, else a new one from {@code reader}. */
    <E extends Exception> T get(Instant now, K key, Reader<K, T, E> reader) throws E {
        Kept<K, T> k = kept;
        if (k != null && Objects.equals(k.key(), key) && !now.isBefore(k.at()) && now.isBefore(k.at().plus(reuse))) {
            return k.value();
        }
        T value = reader.read(key);
        kept = new Kept<>(now, key, value);
        return value;
    }

    /** Drops the kept value: the next {@link #get} reads again. */
    void forget() {
        kept = null;
    }
}
