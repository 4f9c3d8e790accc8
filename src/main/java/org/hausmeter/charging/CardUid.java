package org.hausmeter.charging;

import java.util.HexFormat;
import java.util.Locale;

/**
 * The UID of a contactless card as the reader returns it for {@code FF CA 00 00 00}: 4, 7 or 10 bytes,
 * written as upper-case hex, byte 0 first (OCPP's recommendation, docs/domain.md 4.2), e.g. {@code 04A1B2C3D4E5F6}.
 * A UID is an identifier, not a secret: it can be read by anyone near the card and cloned onto
 * "magic" cards (docs/charging.md).
 */
public record CardUid(String hex) {

    public CardUid {
        if (hex == null || !hex.matches("([0-9A-F]{8}|[0-9A-F]{14}|[0-9A-F]{20})")) {
            throw new IllegalArgumentException("Card UID [" + hex + "] must be 4, 7 or 10 bytes in hex");
        }
    }

    /** Parses hex as a person types it: case, spaces and colons do not matter ({@code 04:a1:b2:c3}). */
    public static CardUid parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("Card UID is missing");
        }
        String hex = text.replaceAll("[\\s:-]", "").toUpperCase(Locale.ROOT);
        if (!hex.matches("[0-9A-F]*")) {
            throw new IllegalArgumentException("Card UID [" + text + "] is not hexadecimal");
        }
        if (hex.length() != 8 && hex.length() != 14 && hex.length() != 20) {
            throw new IllegalArgumentException(
                    "Card UID [" + text + "] has " + hex.length() / 2.0 + " bytes; a card UID has 4, 7 or 10 bytes");
        }
        return new CardUid(hex);
    }

    /** The UID bytes from a reader. */
    public static CardUid ofBytes(byte[] uid) {
        if (uid.length != 4 && uid.length != 7 && uid.length != 10) {
            throw new IllegalArgumentException(
                    "Card UID has " + uid.length + " bytes; a card UID has 4, 7 or 10 bytes");
        }
        return new CardUid(HexFormat.of().withUpperCase().formatHex(uid));
    }

    /**
     * A 4-byte "Random ID" (first byte {@code 0x08}, NXP AN10927): the card shows a new UID at every
     * tap, so it cannot identify anyone and is never registered.
     */
    public boolean isRandomId() {
        return hex.length() == 8 && hex.startsWith("08");
    }

    /** Number of UID bytes: 4, 7 or 10. */
    public int length() {
        return hex.length() / 2;
    }

    @Override
    public String toString() {
        return hex;
    }
}
