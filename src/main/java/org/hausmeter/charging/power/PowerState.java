package org.hausmeter.charging.power;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the session monitor and the power control tell each other, without depending on each other: which
 * chargers the planner holds paused (their sessions are not ended for idling), and which chargers the
 * charging service switched (a new session starts at the profile's fixed current: the next plan must write
 * its limit, even when it equals the remembered one).
 */
@ApplicationScoped
public class PowerState {

    private final Set<String> paused = ConcurrentHashMap.newKeySet();
    private final Set<String> switched = ConcurrentHashMap.newKeySet();

    /** Whether the power control holds {@code chargerId} at 0 A on purpose (surplus, limit, § 14a). */
    public boolean paused(String chargerId) {
        return paused.contains(chargerId);
    }

    void setPaused(String chargerId, boolean isPaused) {
        if (isPaused) {
            paused.add(chargerId);
        } else {
            paused.remove(chargerId);
        }
    }

    /** The charging service enabled or disabled {@code chargerId} itself (session start, stop). */
    public void switchedBySession(String chargerId) {
        switched.add(chargerId);
    }

    /** Takes (and forgets) whether {@code chargerId} was switched by a session since the last plan. */
    boolean takeSwitched(String chargerId) {
        return switched.remove(chargerId);
    }

    /** Whether a session switched {@code chargerId} since the last plan. */
    boolean wasSwitched(String chargerId) {
        return switched.contains(chargerId);
    }
}
