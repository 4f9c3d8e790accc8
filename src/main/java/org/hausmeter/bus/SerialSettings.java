package org.hausmeter.bus;

/**
 * Line settings of one RS-485 port.
 *
 * @param device   full device path, e.g. {@code /dev/ttyUSB0} or a pty link such as {@code /tmp/ttyV1}
 * @param baud     bits per second, e.g. 9600
 * @param dataBits 7 or 8 (Modbus RTU requires 8)
 * @param parity   parity bit
 * @param stopBits 1 or 2
 */
public record SerialSettings(String device, int baud, int dataBits, Parity parity, int stopBits) {

    public SerialSettings {
        if (device == null || device.isBlank()) {
            throw new IllegalArgumentException("Serial device [" + device + "] missing");
        }
        if (baud <= 0) {
            throw new IllegalArgumentException("Baud rate [" + baud + "] must be positive");
        }
        if (dataBits < 5 || dataBits > 8) {
            throw new IllegalArgumentException("Data bits [" + dataBits + "] must be 5–8");
        }
        if (stopBits != 1 && stopBits != 2) {
            throw new IllegalArgumentException("Stop bits [" + stopBits + "] must be 1 or 2");
        }
    }

    /** 8E1, the Modbus RTU default, at {@code baud}. */
    /** The line settings of an RTU bus of the building file on {@code device}. */
    public static SerialSettings of(org.hausmeter.bus.config.BuildingConfig.RtuBus bus, String device) {
        Parity parity = switch (bus.parity()) {
            case NONE -> Parity.NONE;
            case EVEN -> Parity.EVEN;
            case ODD -> Parity.ODD;
        };
        return new SerialSettings(device, bus.baud(), bus.dataBits(), parity, bus.stopBits());
    }

    public static SerialSettings rtu8E1(String device, int baud) {
        return new SerialSettings(device, baud, 8, Parity.EVEN, 1);
    }

    /** Bits on the wire per character: start + data + parity + stop. */
    public int bitsPerCharacter() {
        return 1 + dataBits + (parity == Parity.NONE ? 0 : 1) + stopBits;
    }
}
