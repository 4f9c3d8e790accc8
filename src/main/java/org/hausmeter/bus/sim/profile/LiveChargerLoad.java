package org.hausmeter.bus.sim.profile;

import java.time.Instant;
import java.util.Arrays;

/**
 * A charger driven from outside (an NFC tap starts a session, charging control changes its power),
 * continuing the counter of a {@code history} profile (e.g. a seeded {@link ChargerLoad}) from
 * {@code liveFrom} on.
 *
 * <p>Power is piecewise constant between events; the counter adds {@code powerW} mJ per ms since the
 * last event, so it is exact in mJ (instants truncated to the millisecond) and additive in Wh like
 * every {@link PowerProfile}. Events are appended in time order only: an event, or {@link #settle},
 * at {@code t} makes everything before {@code t} final. Thread-safe.
 */
public final class LiveChargerLoad implements PowerProfile {

    /** Upper bound for a live power in W. */
    public static final long MAX_POWER_W = 50_000;

    private final PowerProfile history;
    private final Instant liveFrom;
    private final long liveFromMs;
    private final long historyMj;
    private long[] eventMs = new long[16];
    private long[] eventW = new long[16];
    private long[] eventCumMj = new long[16];
    private int events;
    private long settledMs;
    private boolean active;

    /**
     * @param history  the counter before {@code liveFrom}; its power is ignored from then on
     * @param liveFrom first instant driven by events; idle (0 W) until the first session
     */
    public LiveChargerLoad(PowerProfile history, Instant liveFrom) {
        this.history = history;
        this.liveFrom = liveFrom;
        this.liveFromMs = liveFrom.toEpochMilli();
        this.historyMj = history.counterMj(liveFrom);
        this.settledMs = liveFromMs;
    }

    /** Starts a session at {@code t} drawing {@code powerW} W; no session may be running. */
    public synchronized void startSession(Instant t, long powerW) {
        if (sessionActive()) {
            throw new IllegalStateException("session already active");
        }
        if (powerW <= 0) {
            throw new IllegalArgumentException("session power must be positive: " + powerW);
        }
        append(t, powerW);
        active = true;
    }

    /** Changes the power of the running session at {@code t} (charging control, taper), in W ≥ 0. */
    public synchronized void setPowerW(Instant t, long powerW) {
        if (!sessionActive()) {
            throw new IllegalStateException("no active session");
        }
        append(t, powerW);
    }

    /** Stops the running session at {@code t}; the power drops to 0 W. */
    public synchronized void stopSession(Instant t) {
        if (!sessionActive()) {
            throw new IllegalStateException("no active session");
        }
        append(t, 0);
        active = false;
    }

    /** Declares that no event will come before {@code t}: counters before it are final. */
    public synchronized void settle(Instant t) {
        settledMs = Math.max(settledMs, checkedMs(t));
    }

    /** Whether a session is running (started and not stopped). */
    public synchronized boolean sessionActive() {
        return active;
    }

    private void append(Instant t, long powerW) {
        if (powerW < 0 || powerW > MAX_POWER_W) {
            throw new IllegalArgumentException("power out of 0.." + MAX_POWER_W + ": " + powerW);
        }
        long ms = checkedMs(t);
        if (events == eventMs.length) {
            eventMs = Arrays.copyOf(eventMs, events * 2);
            eventW = Arrays.copyOf(eventW, events * 2);
            eventCumMj = Arrays.copyOf(eventCumMj, events * 2);
        }
        eventCumMj[events] = liveMj(ms);
        eventMs[events] = ms;
        eventW[events] = powerW;
        events++;
        settledMs = ms;
    }

    private long checkedMs(Instant t) {
        long ms = t.toEpochMilli();
        if (ms < settledMs) {
            throw new IllegalArgumentException(
                    "event at " + t + " is before the final horizon " + Instant.ofEpochMilli(settledMs));
        }
        return ms;
    }

    /** Index of the last event at or before {@code ms}, or −1. */
    private int eventAt(long ms) {
        int i = Arrays.binarySearch(eventMs, 0, events, ms);
        if (i < 0) {
            return -i - 2;
        }
        while (i + 1 < events && eventMs[i + 1] == ms) {
            i++;
        }
        return i;
    }

    private long liveMj(long ms) {
        int i = eventAt(ms);
        return i < 0 ? 0 : eventCumMj[i] + eventW[i] * (ms - eventMs[i]);
    }

    @Override
    public synchronized long powerW(Instant t) {
        if (t.isBefore(liveFrom)) {
            return history.powerW(t);
        }
        int i = eventAt(t.toEpochMilli());
        return i < 0 ? 0 : eventW[i];
    }

    @Override
    public synchronized long counterMj(Instant t) {
        if (t.isBefore(liveFrom)) {
            return history.counterMj(t);
        }
        return historyMj + liveMj(t.toEpochMilli());
    }

    @Override
    public synchronized Instant finalUntil() {
        return Instant.ofEpochMilli(settledMs);
    }
}
