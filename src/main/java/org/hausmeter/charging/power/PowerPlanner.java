package org.hausmeter.charging.power;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides a current limit for every charger from the building's live values (pure: no I/O, no clock of
 * its own, no randomness; the same input gives the same plan). Rules, in order of precedence:
 *
 * <ol>
 *   <li><b>Hard limits</b> are never exceeded: the chargers' circuit ({@link Settings#circuitA} per phase,
 *       counted conservatively as if every charger loaded the same phase), an optional power limit of the
 *       circuit ({@link Settings#circuitW}) and, while the grid operator dims (§ 14a EnWG), the total
 *       power of all controllable chargers ({@link Settings#dimmedW}, 4.2 kW by default). A charger that
 *       does not fit even at the minimum gets 0 at once, whatever its minimum on-time says (safety beats
 *       relays). Within the limits every running charger gets an equal share in whole amperes (round robin,
 *       1 A at a time); who runs at all when not everyone fits is decided by priority: FAST, then
 *       SOLAR_PLUS_MIN, then SOLAR_ONLY, chargers already running before paused ones, then charger id.</li>
 *   <li><b>Modes</b>: FAST wants the charger's maximum; SOLAR_PLUS_MIN wants its share of the surplus but at
 *       least the minimum (6 A); SOLAR_ONLY wants its share of the surplus and pauses (0 A) below the
 *       minimum.</li>
 *   <li><b>Surplus</b> = what the building exports now plus what the solar-mode chargers draw now (their
 *       draw is PV they already use), split equally in watts among the solar-mode chargers (leftover of a
 *       charger at its maximum goes to the others). Stale or missing live values count as no surplus.</li>
 *   <li><b>No chatter</b>: a SOLAR_ONLY charger starts only when its share reaches the minimum plus
 *       {@link Settings#startMarginA} and it has been off for {@link Settings#minOff}; it stops only after
 *       its share has stayed below the minimum for {@link Settings#stopDelay} and it has been on for
 *       {@link Settings#minOn} (meanwhile it keeps the minimum). A running charger's current rises only
 *       by at least {@link Settings#stepA}; it falls at once (a falling surplus or a hard limit).</li>
 * </ol>
 *
 * Amperes are whole numbers: 0 or {@code minA..maxA}; a charger's phases (1 or 3) are configured, never
 * switched by the planner.
 */
public final class PowerPlanner {

    private PowerPlanner() {}

    /**
     * Thresholds of the planner (docs/charging.md, "Power control").
     *
     * @param voltageV     nominal phase voltage used to turn watts into amperes (230)
     * @param minA         the smallest current a car accepts (IEC 61851: 6 A)
     * @param circuitA     current per phase the chargers' circuit allows in total
     * @param circuitW     power the chargers may take together, W (0 = no power limit besides circuitA)
     * @param dimmedW      total power of all controllable chargers while § 14a dimming is active, W (4200)
     * @param startMarginA a paused SOLAR_ONLY charger starts only with this much more than the minimum
     * @param stepA        smallest change of a running charger's current that is sent
     * @param minOn        a charger switched on stays on at least this long (unless a hard limit forces it off)
     * @param minOff       a charger paused by the planner stays off at least this long
     * @param stopDelay    a SOLAR_ONLY charger's share must stay below the minimum this long before it pauses
     */
    public record Settings(
            int voltageV,
            int minA,
            int circuitA,
            long circuitW,
            long dimmedW,
            int startMarginA,
            int stepA,
            Duration minOn,
            Duration minOff,
            Duration stopDelay) {

        public Settings {
            if (voltageV <= 0 || minA <= 0 || circuitA < 0 || circuitW < 0 || dimmedW < 0 || startMarginA < 0) {
                throw new IllegalArgumentException("power planner settings out of range");
            }
            if (stepA < 1) {
                throw new IllegalArgumentException("stepA must be at least 1");
            }
        }

        /** The defaults documented in docs/charging.md (circuit 32 A per phase, no extra power limit). */
        public static Settings defaults() {
            return new Settings(
                    230, 6, 32, 0, 4200, 1, 1, Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(2));
        }
    }

    /** The building now: grid positive when buying, negative when feeding in. */
    public record Building(long pvW, long gridW, boolean stale) {}

    /**
     * One charger as the planner sees it.
     *
     * @param id       charger id of the building file
     * @param session  a session is open on it (only then may it charge)
     * @param plugged  a car is plugged in (true when the charger cannot tell)
     * @param mode     the session's mode
     * @param phases   1 or 3, as configured
     * @param maxA     the charger's (or its cable's) maximum, A
     * @param drawW    what the charger draws now, W (0 when unknown)
     */
    public record Charger(
            String id, boolean session, boolean plugged, ChargeMode mode, int phases, int maxA, long drawW) {
        public Charger {
            if (phases != 1 && phases != 3) {
                throw new IllegalArgumentException("charger [" + id + "]: phases must be 1 or 3, not " + phases);
            }
        }
    }

    /**
     * What the planner remembers of a charger between runs.
     *
     * @param amps       the limit last decided (0 = off)
     * @param switchedAt when it last went from 0 to on or back (null: never)
     * @param lowSince   since when a running SOLAR_ONLY charger's share is below the minimum (null: not low)
     */
    public record Memory(int amps, Instant switchedAt, Instant lowSince) {
        public static final Memory NONE = new Memory(0, null, null);
    }

    /** Why a charger got its limit. */
    public enum Reason {
        NO_SESSION,
        UNPLUGGED,
        FAST,
        SOLAR_SURPLUS,
        SOLAR_MINIMUM,
        SOLAR_WAITING,
        HOLD_MIN_ON,
        HOLD_MIN_OFF,
        BUILDING_LIMIT,
        DIMMED_14A
    }

    /** The decision for one charger. {@code changed}: the limit differs from the remembered one. */
    public record Decision(String chargerId, int amps, int phases, Reason reason, boolean changed, Memory memory) {
        /** Power at this limit and the nominal voltage, W. */
        public long powerW(int voltageV) {
            return (long) amps * phases * voltageV;
        }
    }

    /** One run's result, in the order of the input chargers. */
    public record Plan(Instant at, boolean dimmed, List<Decision> decisions) {
        public Optional<Decision> of(String chargerId) {
            return decisions.stream()
                    .filter(d -> d.chargerId().equals(chargerId))
                    .findFirst();
        }

        public int totalAmps() {
            return decisions.stream().mapToInt(Decision::amps).sum();
        }

        public long totalW(int voltageV) {
            return decisions.stream().mapToLong(d -> d.powerW(voltageV)).sum();
        }
    }

    /**
     * Plans every charger at {@code now}.
     *
     * @param memory what was decided before, per charger id (missing = {@link Memory#NONE})
     * @param dimmed § 14a dimming is active
     */
    public static Plan plan(
            Settings s,
            Building building,
            List<Charger> chargers,
            Map<String, Memory> memory,
            boolean dimmed,
            Instant now) {
        Map<String, Memory> mem = new LinkedHashMap<>();
        for (Charger c : chargers) {
            mem.put(c.id(), memory.getOrDefault(c.id(), Memory.NONE));
        }
        List<Charger> active = new ArrayList<>();
        for (Charger c : chargers) {
            if (c.session() && c.plugged() && c.maxA() >= s.minA()) {
                active.add(c);
            }
        }
        Map<String, Integer> share = solarShares(s, building, active);
        // 1. what each active charger wants (mode and hysteresis)
        Map<String, Integer> want = new LinkedHashMap<>();
        Map<String, Reason> why = new LinkedHashMap<>();
        Map<String, Instant> lowSince = new LinkedHashMap<>();
        for (Charger c : active) {
            Memory m = mem.get(c.id());
            boolean on = m.amps() > 0;
            int sh = share.getOrDefault(c.id(), 0);
            switch (c.mode()) {
                case FAST -> {
                    want.put(c.id(), c.maxA());
                    why.put(c.id(), Reason.FAST);
                }
                case SOLAR_PLUS_MIN -> {
                    want.put(c.id(), Math.max(s.minA(), sh));
                    why.put(c.id(), sh >= s.minA() ? Reason.SOLAR_SURPLUS : Reason.SOLAR_MINIMUM);
                }
                case SOLAR_ONLY -> {
                    if (on) {
                        if (sh >= s.minA()) {
                            want.put(c.id(), sh);
                            why.put(c.id(), Reason.SOLAR_SURPLUS);
                        } else {
                            Instant low = m.lowSince() == null ? now : m.lowSince();
                            boolean lowLongEnough = !now.isBefore(low.plus(s.stopDelay()));
                            boolean onLongEnough = elapsed(m.switchedAt(), now, s.minOn());
                            if (lowLongEnough && onLongEnough) {
                                want.put(c.id(), 0);
                                why.put(c.id(), Reason.SOLAR_WAITING);
                            } else {
                                want.put(c.id(), s.minA());
                                why.put(c.id(), Reason.HOLD_MIN_ON);
                                lowSince.put(c.id(), low);
                            }
                        }
                    } else if (sh >= s.minA() + s.startMarginA()) {
                        if (elapsed(m.switchedAt(), now, s.minOff())) {
                            want.put(c.id(), sh);
                            why.put(c.id(), Reason.SOLAR_SURPLUS);
                        } else {
                            want.put(c.id(), 0);
                            why.put(c.id(), Reason.HOLD_MIN_OFF);
                        }
                    } else {
                        want.put(c.id(), 0);
                        why.put(c.id(), Reason.SOLAR_WAITING);
                    }
                }
            }
            want.put(c.id(), Math.min(c.maxA(), want.get(c.id())));
        }
        // 2. the hard limits: who fits at the minimum, then equal amperes up to what each wants
        long powerBudget = s.circuitW() > 0 ? s.circuitW() : Long.MAX_VALUE;
        boolean dimBinds = dimmed && s.dimmedW() < powerBudget;
        if (dimmed) {
            powerBudget = Math.min(powerBudget, s.dimmedW());
        }
        List<Charger> wanting = active.stream()
                .filter(c -> want.get(c.id()) > 0)
                .sorted(Comparator.comparingInt((Charger c) ->
                                c.mode() == ChargeMode.FAST ? 0 : c.mode() == ChargeMode.SOLAR_PLUS_MIN ? 1 : 2)
                        .thenComparing(c -> mem.get(c.id()).amps() > 0 ? 0 : 1)
                        .thenComparing(Charger::id))
                .toList();
        Map<String, Integer> amps = new LinkedHashMap<>();
        int usedA = 0;
        long usedW = 0;
        List<Charger> running = new ArrayList<>();
        Map<String, Reason> limited = new LinkedHashMap<>();
        for (Charger c : wanting) {
            long w = watts(s, s.minA(), c.phases());
            if (usedA + s.minA() <= s.circuitA() && usedW + w <= powerBudget) {
                usedA += s.minA();
                usedW += w;
                amps.put(c.id(), s.minA());
                running.add(c);
            } else {
                amps.put(c.id(), 0);
                limited.put(c.id(), dimBinds && usedW + w > s.dimmedW() ? Reason.DIMMED_14A : Reason.BUILDING_LIMIT);
            }
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Charger c : running) {
                int a = amps.get(c.id());
                if (a >= want.get(c.id())) {
                    continue;
                }
                long w = watts(s, 1, c.phases());
                if (usedA + 1 <= s.circuitA() && usedW + w <= powerBudget) {
                    amps.put(c.id(), a + 1);
                    usedA += 1;
                    usedW += w;
                    grew = true;
                }
            }
        }
        for (Charger c : running) {
            if (amps.get(c.id()) < want.get(c.id())) {
                boolean dimCaps = dimBinds && usedW + watts(s, 1, c.phases()) > s.dimmedW();
                limited.put(c.id(), dimCaps ? Reason.DIMMED_14A : Reason.BUILDING_LIMIT);
            }
        }
        // 3. no small steps upwards for running chargers (keeping the lower value never breaks a limit)
        for (Charger c : running) {
            int before = mem.get(c.id()).amps();
            int a = amps.get(c.id());
            if (before > 0 && a > before && a - before < s.stepA()) {
                amps.put(c.id(), before);
            }
        }
        List<Decision> decisions = new ArrayList<>();
        for (Charger c : chargers) {
            Memory m = mem.get(c.id());
            int a;
            Reason r;
            if (!c.session()) {
                a = 0;
                r = Reason.NO_SESSION;
            } else if (!c.plugged() || c.maxA() < s.minA()) {
                a = 0;
                r = Reason.UNPLUGGED;
            } else {
                a = amps.getOrDefault(c.id(), 0);
                r = limited.getOrDefault(c.id(), why.get(c.id()));
            }
            boolean switched = (a > 0) != (m.amps() > 0);
            Instant switchedAt = switched ? now : m.switchedAt();
            Instant low = a > 0 ? lowSince.get(c.id()) : null;
            decisions.add(new Decision(c.id(), a, c.phases(), r, a != m.amps(), new Memory(a, switchedAt, low)));
        }
        return new Plan(now, dimmed, List.copyOf(decisions));
    }

    /** Each solar-mode charger's share of the surplus, whole amperes at its phases, at most its maximum. */
    static Map<String, Integer> solarShares(Settings s, Building b, List<Charger> active) {
        Map<String, Integer> result = new LinkedHashMap<>();
        List<Charger> solar =
                active.stream().filter(c -> c.mode() != ChargeMode.FAST).toList();
        if (solar.isEmpty() || b.stale()) {
            return result;
        }
        long surplus = -b.gridW();
        for (Charger c : solar) {
            surplus += Math.max(0, c.drawW());
        }
        List<Charger> open = new ArrayList<>(solar);
        long left = Math.max(0, surplus);
        // water-filling: chargers whose equal share exceeds their maximum take the maximum, the rest is re-split
        boolean capped = true;
        while (capped && !open.isEmpty()) {
            capped = false;
            long each = left / open.size();
            for (Charger c : List.copyOf(open)) {
                long maxW = watts(s, c.maxA(), c.phases());
                if (each >= maxW) {
                    result.put(c.id(), c.maxA());
                    left -= maxW;
                    open.remove(c);
                    capped = true;
                }
            }
        }
        if (!open.isEmpty()) {
            long each = left / open.size();
            for (Charger c : open) {
                result.put(c.id(), (int) (each / ((long) s.voltageV() * c.phases())));
            }
        }
        return result;
    }

    private static long watts(Settings s, int amps, int phases) {
        return (long) amps * phases * s.voltageV();
    }

    private static boolean elapsed(Instant since, Instant now, Duration d) {
        return since == null || !now.isBefore(since.plus(d));
    }
}
