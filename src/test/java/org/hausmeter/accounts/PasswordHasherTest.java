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

    @Test
    void randomPassword_hasTheLengthAndNoAmbiguousCharacters() {
        String p = PasswordHasher.randomPassword(16);
        assertThat(p).hasSize(16).doesNotContain("0", "O", "1", "l", "I");
    }
}
