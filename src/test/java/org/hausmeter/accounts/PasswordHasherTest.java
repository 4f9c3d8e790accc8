package org.hausmeter.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    @Test
    void hash_isBcryptAndVerifies() {
        String hash = PasswordHasher.hash("correct horse battery", 4);
        assertThat(hash).matches("^\\$2[aby]\\$04\\$[./A-Za-z0-9]{53}$");
        assertThat(PasswordHasher.matches("correct horse battery", hash)).isTrue();
        assertThat(PasswordHasher.matches("correct horse batterY", hash)).isFalse();
        assertThat(PasswordHasher.matches(null, hash)).isFalse();
    }

    @Test
    void hash_refusesShortPasswords() {
        assertThatThrownBy(() -> PasswordHasher.hash("short")).hasMessageContaining("at least 8");
    }

    /** Why the 72-byte rule exists: Elytron's bcrypt reads the first 72 bytes of the UTF-8 password, no more. */
    @Test
    void bcrypt_ignoresEverythingAfter72Bytes() throws Exception {
        String first72 = "a".repeat(72);
        String hash = io.quarkus.elytron.security.common.BcryptUtil.bcryptHash(first72, 4);
        assertThat(PasswordHasher.matches(first72 + "anything at all", hash)).isTrue();
        assertThat(PasswordHasher.matches("a".repeat(71), hash))
                .as("the 72nd byte counts")
                .isFalse();
        // UTF-8: 36 umlauts are 72 bytes; the 37th is not read.
        String umlauts = "ä".repeat(36);
        String umlautHash = io.quarkus.elytron.security.common.BcryptUtil.bcryptHash(umlauts, 4);
        assertThat(PasswordHasher.matches(umlauts + "ö", umlautHash)).isTrue();
    }

    @Test
    void hash_refusesPasswordsLongerThan72BytesInUtf8_andSaysWhy() {
        assertThat(PasswordHasher.hash("a".repeat(72), 4)).startsWith("$2");
        assertThat(PasswordHasher.hash("ä".repeat(36), 4)).startsWith("$2");
        assertThatThrownBy(() -> PasswordHasher.hash("a".repeat(73), 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 72 bytes")
                .hasMessageContaining("bcrypt ignores");
        assertThatThrownBy(() -> PasswordHasher.hash("ä".repeat(37), 4))
                .as("37 characters, 74 bytes")
                .hasMessageContaining("this one has 74");
        assertThat(PasswordHasher.fitsBcrypt("a".repeat(72))).isTrue();
        assertThat(PasswordHasher.fitsBcrypt("ß".repeat(37))).isFalse();
        assertThat(PasswordHasher.fitsBcrypt("😀".repeat(18)))
                .as("4 bytes each")
                .isTrue();
        assertThat(PasswordHasher.fitsBcrypt("😀".repeat(19))).isFalse();
    }

    @Test
    void theDummyHash_hasTheCostOfStoredPasswords_andMatchesNoPassword() {
        String dummy = PasswordHasher.dummyHash();
        assertThat(dummy).startsWith("$2a$" + PasswordHasher.COST + "$").isSameAs(PasswordHasher.dummyHash());
        long before = PasswordHasher.verifications();
        assertThat(PasswordHasher.matches("", dummy)).isFalse();
        assertThat(PasswordHasher.verifications()).isEqualTo(before + 1);
    }

    @Test
    void randomPassword_hasTheLengthAndNoAmbiguousCharacters() {
        String p = PasswordHasher.randomPassword(16);
        assertThat(p).hasSize(16).doesNotContain("0", "O", "1", "l", "I");
    }
}
