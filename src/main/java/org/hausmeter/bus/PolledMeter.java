package org.hausmeter.bus;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.hausmeter.bus.config.BuildingConfig;

/**
 * One meter as the poller sees it: where it is, its register map, its database id and its health.
 * SunSpec devices learn their register addresses on first contact (the model walk), kept here.
 */
public final class PolledMeter {

    private final BuildingConfig.Meter config;
    private final RegisterMap map;
    private final long meterId;
    private final MeterHealth health;
    private List<Register> registers;

    public PolledMeter(BuildingConfig.Meter config, RegisterMap map, long meterId, MeterHealth health) {
        this.config = config;
        this.map = map;
        this.meterId = meterId;
        this.health = health;
        this.registers = map.isSunSpec() ? null : map.registers();
    }

    public BuildingConfig.Meter config() {
        return config;
    }

    public String name() {
        return config.name();
    }

    public int unitId() {
        return config.unitId();
    }

    public RegisterMap map() {
        return map;
    }

    public long meterId() {
        return meterId;
    }

    public MeterHealth health() {
        return health;
    }

    /** Absolute registers; empty until a SunSpec device's models are known. */
    public Optional<List<Register>> registers() {
        return Optional.ofNullable(registers);
    }

    /** Whether the meter's (resolved) registers include {@code q}. */
    public boolean has(Quantity q) {
        return registers != null && registers.stream().anyMatch(r -> r.quantity() == q);
    }

    void resolved(List<Register> absolute) {
        this.registers = List.copyOf(absolute);
    }

    /** Registers of the given quantities, planned into as few reads as the map allows. */
    List<ReadRequest> plan(Predicate<Quantity> wanted) {
        List<Register> selected =
                registers.stream().filter(r -> wanted.test(r.quantity())).toList();
        if (selected.isEmpty()) {
            return List.of();
        }
        return ReadPlanner.plan(selected, 8, map.maxRegistersPerRead());
    }
}
