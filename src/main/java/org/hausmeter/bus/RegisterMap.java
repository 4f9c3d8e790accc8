package org.hausmeter.bus;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The register map of one meter model, loaded from {@code modbus-bus-config/models/<id>.yaml}.
 *
 * @param id                  model id, equal to the file name without {@code .yaml}
 * @param description         human description (which devices it covers)
 * @param source              datasheet title/version and/or docs/domain.md section
 * @param maxBaud             fastest RTU baud rate the device supports, or {@code null} when
 *                            no source confirms one (then no bus check is made)
 * @param minPauseMs          minimum pause between the end of a response and the next request
 *                            to this device, milliseconds, or {@code null} when no source
 *                            gives one (the bus default applies)
 * @param maxRegistersPerRead largest read the device accepts, at most 125
 * @param notAvailable        raw values (as unsigned bit patterns) that mean "not available"
 *                            per register type; decoding one gives a
 *                            {@link RegisterFault.Kind#NOT_AVAILABLE} fault
 * @param registers           entries in file order; for SunSpec maps addresses are offsets
 * @param file                file the map came from, for messages
 */
public record RegisterMap(
        String id,
        String description,
        String source,
        Integer maxBaud,
        Integer minPauseMs,
        int maxRegistersPerRead,
        Map<RegisterType, Long> notAvailable,
        List<Register> registers,
        String file) {

    public RegisterMap {
        notAvailable = Map.copyOf(notAvailable);
        registers = List.copyOf(registers);
    }

    /** Whether addresses are offsets inside SunSpec model blocks (see {@link #resolve}). */
    public boolean isSunSpec() {
        return registers.stream().anyMatch(r -> !r.sunspecModels().isEmpty());
    }

    /** The quantities this map can deliver. */
    public Set<Quantity> quantities() {
        Set<Quantity> set = EnumSet.noneOf(Quantity.class);
        registers.forEach(r -> set.add(r.quantity()));
        return set;
    }

    /** The entry for {@code quantity} of a plain (non-SunSpec) map. */
    public Optional<Register> register(Quantity quantity) {
        return registers.stream().filter(r -> r.quantity() == quantity).findFirst();
    }

    /**
     * Registers at absolute addresses for one SunSpec device, taken from one model only: the
     * first model id, in the order the map's entries name them, that the device has. Listing
     * inverter entries before meter entries therefore reads an inverter that also exposes a
     * meter block as an inverter; use {@link #resolve(SunSpecModels, int)} to pick the meter.
     * A plain map is returned unchanged.
     *
     * @throws SunSpecException if the device has none of the map's models, or a block is
     *                          shorter than an offset the map uses
     */
    public List<Register> resolve(SunSpecModels models) {
        if (!isSunSpec()) {
            return registers;
        }
        for (Register r : registers) {
            for (int model : r.sunspecModels()) {
                if (models.first(model).isPresent()) {
                    return resolve(models, model);
                }
            }
        }
        throw new SunSpecException("device has none of the SunSpec models of [" + id + "]; found "
                + models.blocks().stream().map(SunSpecModels.Block::id).toList());
    }

    /**
     * Registers of the entries naming SunSpec model {@code model}, at absolute addresses within
     * the device's first block of that model.
     *
     * @throws SunSpecException if the device has no such block or it is shorter than an offset
     *                          the map uses
     */
    public List<Register> resolve(SunSpecModels models, int model) {
        SunSpecModels.Block b = models.first(model)
                .orElseThrow(() -> new SunSpecException("device has no SunSpec model [" + model + "]; found "
                        + models.blocks().stream().map(SunSpecModels.Block::id).toList()));
        List<Register> result = new ArrayList<>();
        for (Register r : registers) {
            if (!r.sunspecModels().contains(model)) {
                continue;
            }
            int lastOffset = Math.max(r.end() - 1, r.scaleFactorAddress() == null ? 0 : r.scaleFactorAddress());
            if (lastOffset > b.length() + 1) {
                throw new SunSpecException("model [" + model + "] at [" + b.address() + "] has length [" + b.length()
                        + "], too short for offset [" + lastOffset + "] of [" + r.quantity() + "] in " + file + ":"
                        + r.line());
            }
            result.add(r.at(b.address(), model));
        }
        return List.copyOf(result);
    }
}
