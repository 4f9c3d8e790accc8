package org.hausmeter.bus.sim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** RTU request framing for the slave side: length by function code, else until a gap. */
final class RtuFrames {

    private RtuFrames() {}

    /**
     * Reads one request frame including its CRC; waits as long as needed for the first byte.
     *
     * @return the frame, or null if it broke off (gap longer than {@code gapMillis} mid-frame)
     */
    static byte[] readRequest(ByteLink link, int gapMillis) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(16);
        frame.write(link.read(0));
        int fc = next(link, gapMillis);
        if (fc < 0) {
            return null;
        }
        frame.write(fc);
        int remaining = switch (fc) {
            case 1, 2, 3, 4, 5, 6 -> 6;
            case 15, 16 -> -1;
            default -> -2;
        };
        if (remaining == -1) {
            for (int i = 0; i < 5; i++) {
                int b = next(link, gapMillis);
                if (b < 0) {
                    return null;
                }
                frame.write(b);
            }
            remaining = (frame.toByteArray()[6] & 0xFF) + 2;
        }
        if (remaining == -2) {
            for (int b = next(link, gapMillis); b >= 0; b = next(link, gapMillis)) {
                frame.write(b);
            }
            return frame.toByteArray();
        }
        for (int i = 0; i < remaining; i++) {
            int b = next(link, gapMillis);
            if (b < 0) {
                return null;
            }
            frame.write(b);
        }
        return frame.toByteArray();
    }

    /** unit id + PDU + CRC (low byte first); with {@code breakCrc} the CRC is inverted. */
    static byte[] frame(int unitId, byte[] pdu, boolean breakCrc) {
        byte[] frame = new byte[pdu.length + 3];
        frame[0] = (byte) unitId;
        System.arraycopy(pdu, 0, frame, 1, pdu.length);
        int crc = Crc16.of(frame, 0, pdu.length + 1);
        if (breakCrc) {
            crc ^= 0xFFFF;
        }
        frame[pdu.length + 1] = (byte) crc;
        frame[pdu.length + 2] = (byte) (crc >>> 8);
        return frame;
    }

    private static int next(ByteLink link, int gapMillis) throws IOException {
        int b = link.read(gapMillis);
        return b == ByteLink.TIMEOUT ? -1 : b;
    }
}
