package org.hausmeter.charging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rate limit for logging unknown cards: someone trying UIDs at a reader must not flood the log or
 * the decision table. Per UID at most one entry per {@code perUid}; over all unknown UIDs at most
 * {@code maxPerWindow} entries per {@code window}. What is suppressed is counted and reported with
 * the next entry that passes. Pure apart from its state; not thread-safe (callers hold a lock).
 */
public final class UnknownCardLimiter {

    /** Whether to log this tap, and how many unknown taps were suppressed since the last one logged. */
    public record Verdict(boolean log, long suppressedBefore) {}

    private final Duration perUid;
    private final int maxPerWindow;
    private final Duration window;
    private final Map<String, Instant> lastLogged = new LinkedHashMap<>(16, 0.75f, true);
    private final Deque<Instant> recent = new ArrayDeque<>();
    private long suppressed;

    public UnknownCardLimiter(Duration perUid, int maxPerWindow, Duration window) {
        this.perUid = perUid;
        this.maxPerWindow = maxPerWindow;
        this.window = window;
    }

    public Verdict tap(CardUid uid, Instant now) {
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(now.minus(window))) {
            recent.pollFirst();
        }
        Instant last = lastLogged.get(uid.hex());
        boolean uidOk = last == null || !now.isBefore(last.plus(perUid));
        if (!uidOk || recent.size() >= maxPerWindow) {
            suppressed++;
            return new Verdict(false, 0);
        }
        recent.addLast(now);
        lastLogged.put(uid.hex(), now);
        if (lastLogged.size() > 10_000) {
            lastLogged.remove(lastLogged.keySet().iterator().next());
        }
        long before = suppressed;
        suppressed = 0;
        return new Verdict(true, before);
    }
}
