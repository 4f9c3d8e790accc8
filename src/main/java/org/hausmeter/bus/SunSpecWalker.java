package org.hausmeter.bus;

import java.util.ArrayList;
import java.util.List;

/**
 * Pure SunSpec discovery: finds the "SunS" marker ({@code 0x5375 0x6E53}) at 40000, 50000 or 0
 * (in that order) and walks the model chain by each block's length L until the end marker
 * (ID {@code 0xFFFF}) or the end of the address space. Never assumes fixed addresses: devices
 * differ (model 1 has L = 66 in the current SunSpec JSON, 65 on many devices).
 * Source: docs/domain.md 1.7; https://github.com/SolarNetwork/solarnetwork/wiki/SunSpec-model-discovery
 */
public final class SunSpecWalker {

    /** Candidate marker addresses, tried in this order. */
    public static final int[] MARKER_ADDRESSES = {40000, 50000, 0};
    /** "Su", "nS". */
    public static final int MARKER_HI = 0x5375;

    public static final int MARKER_LO = 0x6E53;
    /** Model id of the end marker. */
    public static final int END_ID = 0xFFFF;
    /** Safety limit on the chain length. */
    public static final int MAX_MODELS = 256;

    /**
     * Reads holding registers of one device: {@code count} unsigned words from {@code address}.
     * It may throw for an address the device does not serve (Modbus exception 2); the walker
     * then tries the next candidate marker address.
     */
    @FunctionalInterface
    public interface HoldingReader {
        int[] read(int address, int count);
    }

    private SunSpecWalker() {}

    /**
     * Discovers the model chain.
     *
     * A read that fails after the marker was found (inside the chain) propagates unchanged.
     *
     * @throws SunSpecException if no marker is found (failed reads attached as suppressed) or
     *                          the chain runs past 65535 or {@link #MAX_MODELS} models
     */
    public static SunSpecModels walk(HoldingReader reader) {
        SunSpecException notFound = new SunSpecException("no SunSpec marker [SunS] at 40000, 50000 or 0");
        for (int marker : MARKER_ADDRESSES) {
            int[] words;
            try {
                words = reader.read(marker, 2);
            } catch (RuntimeException e) {
                notFound.addSuppressed(e);
                continue;
            }
            if (words.length >= 2 && words[0] == MARKER_HI && words[1] == MARKER_LO) {
                return chain(reader, marker);
            }
        }
        throw notFound;
    }

    private static SunSpecModels chain(HoldingReader reader, int marker) {
        List<SunSpecModels.Block> blocks = new ArrayList<>();
        int address = marker + 2;
        while (address + 1 <= 65535) {
            int[] header = reader.read(address, 2);
            int id = header[0];
            if (id == END_ID) {
                return new SunSpecModels(marker, blocks);
            }
            int length = header[1];
            if (blocks.size() == MAX_MODELS) {
                throw new SunSpecException(
                        "SunSpec chain at [" + marker + "] has more than [" + MAX_MODELS + "] models");
            }
            blocks.add(new SunSpecModels.Block(id, address, length));
            address += 2 + length;
        }
        if (address == 65536) {
            return new SunSpecModels(marker, blocks);
        }
        throw new SunSpecException(
                "SunSpec chain at [" + marker + "] runs past 65535 (next block at [" + address + "])");
    }
}
