package org.hausmeter.charging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CardUidTest {

    @Test
    void parse_acceptsFourSevenAndTenBytes_inAnySpelling() {
        assertThat(CardUid.parse("04:a1:b2:c3").hex()).isEqualTo("04A1B2C3");
        assertThat(CardUid.parse("04 A1 B2 C3 D4 E5 F6").hex()).isEqualTo("04A1B2C3D4E5F6");
        assertThat(CardUid.parse("0102030405060708090a").length()).isEqualTo(10);
    }

    @Test
    void parse_refusesOtherLengths_andNonHex_withTheValue() {
        assertThatThrownBy(() -> CardUid.parse("04A1B2"))
                .hasMessageContaining("[04A1B2]")
                .hasMessageContaining("4, 7 or 10");
        assertThatThrownBy(() -> CardUid.parse("04A1B2C3D4")).hasMessageContaining("5.0 bytes");
        assertThatThrownBy(() -> CardUid.parse("04G1B2C3")).hasMessageContaining("not hexadecimal");
        assertThatThrownBy(() -> CardUid.ofBytes(new byte[5])).hasMessageContaining("5 bytes");
    }

    @Test
    void randomId_isAFourByteUidStarting08_only() {
        assertThat(CardUid.parse("08123456").isRandomId()).isTrue();
        assertThat(CardUid.parse("09123456").isRandomId()).isFalse();
        assertThat(CardUid.parse("08123456789ABC").isRandomId()).isFalse();
    }

    @Test
    void ofBytes_isHexOfTheBytesInReaderOrder() {
        assertThat(CardUid.ofBytes(new byte[] {
                            4, (byte) 0xA1, (byte) 0xB2, (byte) 0xC3, (byte) 0xD4, (byte) 0xE5, (byte) 0xF6
                        })
                        .hex())
                .isEqualTo("04A1B2C3D4E5F6");
    }
}
