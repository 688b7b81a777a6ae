package org.civitas.trust.vault;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.civitas.CivitasTest;
import org.civitas.trust.PersonalData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The personal-data vault: AES-256-GCM per person, keyed look-ups, crypto-shredding. */
@CivitasTest
class VaultTest {

    private static final String MARKER = "vault-marker-z9q4@example.org";

    @Autowired
    PersonalData vault;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aSealedValueOpensForItsSubjectOnlyAndIsNeverStoredInClear() {
        UUID alice = vault.newSubject();
        UUID bob = vault.newSubject();
        byte[] sealed = vault.seal(alice, MARKER);

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("vault-marker");
        assertThat(vault.open(alice, sealed)).hasValue(MARKER);
        assertThat(vault.openAll(alice, java.util.List.of(sealed, vault.seal(alice, "Alice")))).hasValue(java.util.List.of(MARKER, "Alice"));
        assertThat(vault.seal(alice, MARKER)).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThatThrownBy(() -> vault.open(bob, sealed)).as("bytes moved to another person do not open")
                .hasMessageContaining("does not open");
        String keys = jdbc.sql("select string_agg(encode(wrapped_key, 'escape'), ' ') from trust.data_key").query(String.class).single();
        assertThat(keys).doesNotContain("vault-marker");
    }

    @Test
    void tamperedBytesAreRefused() {
        UUID subject = vault.newSubject();
        byte[] sealed = vault.seal(subject, "07700 900123");
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> vault.open(subject, sealed)).hasMessageContaining("tampered");
    }

    @Test
    void erasingASubjectMakesEverythingSealedForThemUnreadable() {
        UUID subject = vault.newSubject();
        byte[] name = vault.seal(subject, "Erin Erased");
        byte[] phone = vault.seal(subject, "07700 900456");
        vault.erase(subject);
        assertThat(vault.readable(subject)).isFalse();
        assertThat(vault.open(subject, name)).isEmpty();
        assertThat(vault.open(subject, phone)).isEmpty();
        assertThat(vault.openAll(subject, java.util.List.of(name, phone))).isEmpty();
        assertThat(jdbc.sql("select wrapped_key is null and erased_at is not null from trust.data_key where subject_id = ?")
                .param(subject).query(Boolean.class).single()).isTrue();
    }

    @Test
    void lookupKeysMatchForTheSameValueAndPurposeOnly() {
        assertThat(vault.lookupKey("email", "a@example.org")).isEqualTo(vault.lookupKey("email", "a@example.org"))
                .isNotEqualTo(vault.lookupKey("email", "b@example.org"))
                .isNotEqualTo(vault.lookupKey("phone", "a@example.org"))
                .hasSize(32);
    }

    @Test
    void theLookUpKeyIsStoredWrappedNeverInClear() {
        // rotation, which re-wraps it, is RotateMasterKeyCommandTest's: it runs with every node stopped (decision 0012)
        assertThat(jdbc.sql("select lookup_key_wrapped from trust.master_key").query(byte[].class).single())
                .isNotEmpty()
                .satisfies(wrapped -> assertThat(new String(wrapped, java.nio.charset.StandardCharsets.ISO_8859_1))
                        .doesNotContain(new String(vault.lookupKey("x", "x"), java.nio.charset.StandardCharsets.ISO_8859_1)));
    }
}
