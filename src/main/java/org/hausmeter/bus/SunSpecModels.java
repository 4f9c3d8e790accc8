package org.hausmeter.bus;

import java.util.List;
import java.util.Optional;

/**
 * The SunSpec model chain found on one device by {@link SunSpecWalker}.
 *
 * @param markerAddress address of the "SunS" marker (40000, 50000 or 0)
 * @param blocks        the model blocks in chain order, end marker excluded
 */
public record SunSpecModels(int markerAddress, List<Block> blocks) {

    /**
     * One model block.
     *
     * @param id      SunSpec model id (1 common, 101-103 inverter, 201-204 meter, ...)
     * @param address address of the block's ID register; a map offset {@code n} is at
     *                {@code address + n}
     * @param length  L as reported by the device: number of registers after ID and L
     */
    public record Block(int id, int address, int length) {}

    public SunSpecModels {
        blocks = List.copyOf(blocks);
    }

    /** The first block of model {@code id}, if the device has one. */
    public Optional<Block> first(int id) {
        return blocks.stream().filter(b -> b.id() == id).findFirst();
    }

    /** Address of the ID register of the first block of model {@code id}, if present. */
    public Optional<Integer> base(int id) {
        return first(id).map(Block::address);
    }

    /** The first inverter block (model 101, 102 or 103), if any. */
    public Optional<Block> inverter() {
        return blocks.stream().filter(b -> b.id() >= 101 && b.id() <= 103).findFirst();
    }

    /** The first integer meter block (model 201 to 204), if any. */
    public Optional<Block> meter() {
        return blocks.stream().filter(b -> b.id() >= 201 && b.id() <= 204).findFirst();
    }
}
