package org.hausmeter.bus;

/** Serial parity of an RS-485 line. */
public enum Parity {
    NONE,
    EVEN,
    ODD
}
