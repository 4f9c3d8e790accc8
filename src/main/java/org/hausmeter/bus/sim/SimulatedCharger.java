package org.hausmeter.bus.sim;

import java.time.Duration;
import java.time.Instant;
import org.hausmeter.bus.sim.profile.LiveChargerLoad;

/**
 * A simulated charger with a simulated car: the charger's meter (a {@link LiveChargerLoad}) counts up
 * only while the charger is <b>enabled</b> (its contactor closed by whatever control the charger has)
 * <b>and</b> a car is plugged in that still wants energy. The car draws a constant power until it has
 * what it wants, then stops drawing (as a full battery does), so the server sees the power drop.
 *
 * <p>Time only moves forward: every call takes the instant it happens at (per the simulator's clock)
 * and first settles what became due before it ({@link #advance}), so a counter the simulator served
 * is never changed afterwards. Thread-safe.
 *
 * <p>When a car that is full is disabled, it drives away and the next car arrives with the default
 * demand: the demo charger is never permanently full.
 */
public final class SimulatedCharger {

    /** What the charge point would report about the car (IEC 61851 states A, B, C). */
    public enum Vehicle {
        /** No car connected (state A). */
        UNPLUGGED,
        /** Car connected, not drawing (state B). */
        PLUGGED,
        /** Car connected and drawing power (state C). */
        CHARGING
    }

    /** The car that arrives by default: 11 kW, wants 20 kWh. */
    public static final long DEFAULT_CAR_POWER_W = 11_000;

    public static final long DEFAULT_CAR_WANTS_WH = 20_000;

    private final String chargerId;
    private final LiveChargerLoad load;
    private boolean enabled;
    private boolean plugged = true;
    private long carPowerW = DEFAULT_CAR_POWER_W;
    /** Energy the plugged car still wants, in mJ. */
    private long wantsMj = DEFAULT_CAR_WANTS_WH * LiveChargerLoad.MJ_PER_WH;
    /** Start of the current draw, or null. */
    private Instant drawingSince;

    private Instant latest;

    public SimulatedCharger(String chargerId, LiveChargerLoad load) {
        this.chargerId = chargerId;
        this.load = load;
    }

    public String chargerId() {
        return chargerId;
    }

    /** The charger meter's profile. */
    public LiveChargerLoad load() {
        return load;
    }

    /**
     * Settles everything due up to {@code t}: a car that became full stops drawing at the exact instant.
     * Returns the instant used: {@code t}, or the latest instant seen if the clock stepped back.
     */
    public synchronized Instant advance(Instant t) {
        if (latest != null && t.isBefore(latest)) {
            t = latest;
        }
        latest = t;
        if (drawingSince != null) {
            Instant full = drawingSince.plusMillis(Math.floorDiv(wantsMj, carPowerW));
            if (!full.isAfter(t)) {
                stopDrawing(full);
            }
        }
        load.settle(t);
        return t;
    }

    /** Closes or opens the contactor at {@code t}. */
    public synchronized void setEnabled(Instant t, boolean on) {
        t = advance(t);
        if (on == enabled) {
            return;
        }
        enabled = on;
        if (!on && wantsMj == 0 && plugged) {
            wantsMj = DEFAULT_CAR_WANTS_WH * LiveChargerLoad.MJ_PER_WH;
            carPowerW = DEFAULT_CAR_POWER_W;
        }
        update(t);
    }

    /** A car arrives at {@code t} drawing {@code powerW} until it has {@code wantsWh}. */
    public synchronized void plug(Instant t, long powerW, long wantsWh) {
        if (powerW <= 0 || powerW > LiveChargerLoad.MAX_POWER_W || wantsWh < 0) {
            throw new IllegalArgumentException(
                    "car power [" + powerW + "] W / demand [" + wantsWh + "] Wh out of range");
        }
        t = advance(t);
        if (drawingSince != null) {
            stopDrawing(t);
        }
        plugged = true;
        carPowerW = powerW;
        wantsMj = wantsWh * LiveChargerLoad.MJ_PER_WH;
        update(t);
    }

    /** The car leaves at {@code t}. */
    public synchronized void unplug(Instant t) {
        t = advance(t);
        plugged = false;
        update(t);
    }

    /** Whether the contactor is closed at {@code t}. */
    public synchronized boolean enabled(Instant t) {
        advance(t);
        return enabled;
    }

    public synchronized Vehicle vehicle(Instant t) {
        advance(t);
        if (!plugged) {
            return Vehicle.UNPLUGGED;
        }
        return drawingSince != null ? Vehicle.CHARGING : Vehicle.PLUGGED;
    }

    /** Energy the plugged car still wants at {@code t}, Wh (floor). */
    public synchronized long carWantsWh(Instant t) {
        t = advance(t);
        long left = wantsMj;
        if (drawingSince != null) {
            left -= carPowerW * Duration.between(drawingSince, t).toMillis();
        }
        return Math.max(0, left) / LiveChargerLoad.MJ_PER_WH;
    }

    private void update(Instant t) {
        boolean draw = enabled && plugged && wantsMj > 0;
        if (draw && drawingSince == null) {
            load.startSession(t, carPowerW);
            drawingSince = t;
        } else if (!draw && drawingSince != null) {
            stopDrawing(t);
        }
    }

    private void stopDrawing(Instant t) {
        long drawnMj = carPowerW * Duration.between(drawingSince, t).toMillis();
        wantsMj = Math.max(0, wantsMj - drawnMj);
        load.stopSession(t);
        drawingSince = null;
    }
}
