package org.hausmeter.charging.control;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hausmeter.bus.FunctionCode;
import org.hausmeter.bus.sim.RegisterSource;
import org.hausmeter.bus.sim.SimulatedCharger;
import org.hausmeter.bus.sim.SlaveException;
import org.hausmeter.charging.control.ChargerProfile.Space;
import org.hausmeter.charging.control.ChargerProfile.Write;

/**
 * The control side of a simulated charger, answering exactly the coils and registers its
 * {@link ChargerProfile} uses: writes land in a register store, and after each write the profile's
 * own {@code enabledState} rule, evaluated on the store, opens or closes the simulated contactor of a
 * {@link SimulatedCharger}. The vehicle register reports the simulated car in the profile's codes.
 * A profile therefore drives the simulator with the same data the server uses to drive a real box.
 * Registers the profile does not name answer exception 2, as a real device's unmapped ones do.
 */
public final class SimulatedWallbox implements RegisterSource {

    private final ChargerProfile profile;
    private final Map<String, Long> parameters;
    private final SimulatedCharger charger;
    private final Clock clock;
    private final Map<Integer, Boolean> coils = new ConcurrentHashMap<>();
    private final Map<Integer, Integer> holding = new ConcurrentHashMap<>();
    private final int stateAddress;
    private final int vehicleAddress;

    public SimulatedWallbox(
            ChargerProfile profile, Map<String, Long> parameters, SimulatedCharger charger, Clock clock) {
        this.profile = profile;
        this.parameters = Map.copyOf(parameters);
        this.charger = charger;
        this.clock = clock;
        for (List<Write> writes : List.of(profile.setup(), profile.enable(), profile.disable(), profile.limit())) {
            for (Write w : writes) {
                int a = (int) w.address().resolve(parameters);
                if (w.space() == Space.COIL) {
                    coils.put(a, false);
                } else {
                    holding.put(a, 0);
                }
            }
        }
        stateAddress = (int) profile.enabledState().address().resolve(parameters);
        switch (profile.enabledState().space()) {
            case COIL -> coils.putIfAbsent(stateAddress, false);
            case HOLDING -> holding.putIfAbsent(stateAddress, 0);
            case INPUT ->
                throw new IllegalArgumentException("simulated profile [" + profile.id()
                        + "]: an enabled state in an input register cannot follow writes");
        }
        vehicleAddress = profile.vehicle()
                .map(v -> (int) v.address().resolve(parameters))
                .orElse(-1);
    }

    public SimulatedCharger charger() {
        return charger;
    }

    @Override
    public int[] read(FunctionCode fc, int address, int count) throws SlaveException {
        int[] words = new int[count];
        for (int i = 0; i < count; i++) {
            int a = address + i;
            if (vehicleAddress == a
                    && profile.vehicle().get().space() == (fc == FunctionCode.INPUT ? Space.INPUT : Space.HOLDING)) {
                words[i] = vehicleCode();
            } else if (fc == FunctionCode.HOLDING && holding.containsKey(a)) {
                words[i] = holding.get(a);
            } else {
                throw SlaveException.illegalAddress(address, count);
            }
        }
        return words;
    }

    @Override
    public void writeRegister(int address, int value) throws SlaveException {
        if (!holding.containsKey(address)) {
            throw SlaveException.illegalAddress(address, 1);
        }
        holding.put(address, value & 0xFFFF);
        follow();
    }

    @Override
    public boolean[] readCoils(int address, int count) throws SlaveException {
        boolean[] states = new boolean[count];
        for (int i = 0; i < count; i++) {
            Boolean on = coils.get(address + i);
            if (on == null) {
                throw SlaveException.illegalAddress(address, count);
            }
            states[i] = on;
        }
        return states;
    }

    @Override
    public void writeCoil(int address, boolean on) throws SlaveException {
        if (!coils.containsKey(address)) {
            throw SlaveException.illegalAddress(address, 1);
        }
        coils.put(address, on);
        follow();
    }

    private void follow() {
        boolean on = switch (profile.enabledState().space()) {
            case COIL -> coils.get(stateAddress);
            default -> holding.get(stateAddress) != 0;
        };
        charger.setEnabled(clock.instant(), on);
    }

    private int vehicleCode() {
        ChargerProfile.VehicleRead v = profile.vehicle().orElseThrow();
        java.util.Set<Integer> codes = switch (charger.vehicle(clock.instant())) {
            case UNPLUGGED -> v.unplugged();
            case PLUGGED -> v.plugged();
            case CHARGING -> v.charging();
        };
        int code = codes.stream().mapToInt(Integer::intValue).min().orElseThrow();
        // A status letter in the low byte: the high byte reads 0 here.
        return code;
    }
}
