package org.hausmeter.bus.sim;

/** Modbus RTU CRC-16 (polynomial 0xA001 reflected, initial 0xFFFF), low byte first on the wire. */
final class Crc16 {

    private Crc16() {}

    static int of(byte[] data, int offset, int length) {
        int crc = 0xFFFF;
        for (int i = offset; i < offset + length; i++) {
            crc ^= data[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
            }
        }
        return crc;
    }

    /** True if the last two bytes of {@code frame[0..length)} are the CRC of the bytes before them. */
    static boolean matches(byte[] frame, int length) {
        if (length < 4) {
            return false;
        }
        int crc = of(frame, 0, length - 2);
        return (frame[length - 2] & 0xFF) == (crc & 0xFF) && (frame[length - 1] & 0xFF) == (crc >>> 8);
    }
}
