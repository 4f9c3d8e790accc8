package org.hausmeter.bus;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the register image of a SunSpec device for simulators and tests: the "SunS" marker,
 * each model block (ID, L, then L zero words) and the end marker {@code 0xFFFF, 0}. Fill in
 * values with {@link RegisterEncoder} and {@link RegisterMap#resolve(SunSpecModels)}.
 *
 * @param models the chain as {@link SunSpecWalker} will find it
 * @param image  holding registers
 */
public record SunSpecLayout(SunSpecModels models, RegisterImage image) {

    /** A model to put into the chain: SunSpec id and length L (registers after ID and L). */
    public record Model(int id, int length) {}

    /** Lays out {@code models} in order after the marker at {@code markerAddress}. */
    public static SunSpecLayout build(int markerAddress, List<Model> models) {
        RegisterImage image = RegisterImage.of(
                FunctionCode.HOLDING, markerAddress, new int[] {SunSpecWalker.MARKER_HI, SunSpecWalker.MARKER_LO});
        List<SunSpecModels.Block> blocks = new ArrayList<>();
        int address = markerAddress + 2;
        for (Model m : models) {
            int[] block = new int[2 + m.length()];
            block[0] = m.id();
            block[1] = m.length();
            image = image.with(FunctionCode.HOLDING, address, block);
            blocks.add(new SunSpecModels.Block(m.id(), address, m.length()));
            address += 2 + m.length();
        }
        image = image.with(FunctionCode.HOLDING, address, new int[] {SunSpecWalker.END_ID, 0});
        return new SunSpecLayout(new SunSpecModels(markerAddress, blocks), image);
    }
}
