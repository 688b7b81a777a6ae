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
    private static final String FIELD = "identity.account.email";

    @Autowired
    PersonalData vault;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aSealedValueOpensForItsSubjectOnlyAndIsNeverStoredInClear() {
        UUID alice = vault.newSubject();
        UUID bob = vault.newSubject();
        byte[] sealed = vault.seal(alice, FIELD, MARKER);

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("vault-marker");
        assertThat(vault.open(alice, FIELD, sealed)).hasValue(MARKER);
        assertThat(vault.openAll(alice, java.util.List.of(new PersonalData.Sealed(FIELD, sealed), new PersonalData.Sealed(FIELD, vault.seal(alice, FIELD, "Alice"))))).hasValue(java.util.List.of(MARKER, "Alice"));
        assertThat(vault.seal(alice, FIELD, MARKER)).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThatThrownBy(() -> vault.open(bob, FIELD, sealed)).as("bytes moved to another person do not open")
                .hasMessageContaining("does not open");
        String keys = jdbc.sql("select string_agg(encode(wrapped_key, 'escape'), ' ') from trust.data_key").query(String.class).single();
        assertThat(keys).doesNotContain("vault-marker");
    }

    @Test
    void aValueMovedToAnotherFieldOfTheSamePersonDoesNotOpen() {
        UUID alice = vault.newSubject();
        byte[] email = vault.seal(alice, "identity.account.email", MARKER);
        assertThat(vault.open(alice, "identity.account.email", email)).hasValue(MARKER);
        assertThatThrownBy(() -> vault.open(alice, "identity.account.name", email)).as("bytes moved to another field do not open")
                .hasMessageContaining("does not open");
        assertThatThrownBy(() -> vault.openAll(alice, java.util.List.of(new PersonalData.Sealed("identity.account.name", email))))
                .hasMessageContaining("does not open");
        // a field's name is part of what is bound, not a prefix of it
        assertThatThrownBy(() -> vault.open(alice, "identity.account.emai", email)).hasMessageContaining("does not open");
        assertThatThrownBy(() -> vault.seal(alice, " ", MARKER)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aValueSealedBeforeFieldBindingStillOpens() throws Exception {
        UUID alice = vault.newSubject();
        // what the vault wrote before decision 0015: version 1, the subject alone as associated data
        byte[] old = Aead.seal(((Vault) vault).dataKey(alice).orElseThrow(), MARKER.getBytes(StandardCharsets.UTF_8), Vault.bytes(alice));
        assertThat(old[0]).isEqualTo(Aead.VERSION);
        assertThat(vault.open(alice, FIELD, old)).hasValue(MARKER);
        assertThat(vault.seal(alice, FIELD, MARKER)[0]).as("what is sealed now is field-bound").isEqualTo(Aead.VERSION_FIELD_BOUND);
        UUID bob = vault.newSubject();
        assertThatThrownBy(() -> vault.open(bob, FIELD, old)).as("still bound to its subject").hasMessageContaining("does not open");
        // a field-bound value relabelled as version 1 does not open either
        byte[] relabelled = vault.seal(alice, FIELD, MARKER);
        relabelled[0] = Aead.VERSION;
        assertThatThrownBy(() -> vault.open(alice, FIELD, relabelled)).hasMessageContaining("does not open");
    }

    @Test
    void tamperedBytesAreRefused() {
        UUID subject = vault.newSubject();
        byte[] sealed = vault.seal(subject, FIELD, "07700 900123");
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> vault.open(subject, FIELD, sealed)).hasMessageContaining("tampered");
    }

    @Test
    void erasingASubjectMakesEverythingSealedForThemUnreadable() {
        UUID subject = vault.newSubject();
        byte[] name = vault.seal(subject, FIELD, "Erin Erased");
        byte[] phone = vault.seal(subject, FIELD, "07700 900456");
        vault.erase(subject);
        assertThat(vault.readable(subject)).isFalse();
        assertThat(vault.open(subject, FIELD, name)).isEmpty();
        assertThat(vault.open(subject, FIELD, phone)).isEmpty();
        assertThat(vault.openAll(subject, java.util.List.of(new PersonalData.Sealed(FIELD, name), new PersonalData.Sealed(FIELD, phone)))).isEmpty();
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
