package org.civitas.identity.mfa;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 6238 appendix B test vectors, and the rules around them. */
class TotpTest {

    private static final byte[] SHA1_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void matchesTheRfc6238TestVectors() {
        assertThat(Totp.code(SHA1_SEED, Totp.step(Instant.ofEpochSecond(59)), 8, "HmacSHA1")).isEqualTo("94287082");
        assertThat(Totp.code(SHA1_SEED, Totp.step(Instant.ofEpochSecond(1111111109)), 8, "HmacSHA1")).isEqualTo("07081804");
        assertThat(Totp.code(SHA1_SEED, Totp.step(Instant.ofEpochSecond(1234567890)), 8, "HmacSHA1")).isEqualTo("89005924");
        assertThat(Totp.code(SHA1_SEED, Totp.step(Instant.ofEpochSecond(20000000000L)), 8, "HmacSHA1")).isEqualTo("65353130");
    }

    @Test
    void acceptsTheCodeOfTheStepBeforeAndAfterButNoFurther() {
        Instant now = Instant.ofEpochSecond(1_800_000_000L);
        long step = Totp.step(now);
        assertThat(Totp.verify(SHA1_SEED, Totp.code(SHA1_SEED, step - 1), now, 0)).hasValue(step - 1);
        assertThat(Totp.verify(SHA1_SEED, Totp.code(SHA1_SEED, step + 1), now, 0)).hasValue(step + 1);
        assertThat(Totp.verify(SHA1_SEED, Totp.code(SHA1_SEED, step - 2), now, 0)).isEmpty();
        assertThat(Totp.verify(SHA1_SEED, Totp.code(SHA1_SEED, step + 2), now, 0)).isEmpty();
    }

    @Test
    void neverAcceptsACodeTwice() {
        Instant now = Instant.ofEpochSecond(1_800_000_000L);
        long step = Totp.step(now);
        String code = Totp.code(SHA1_SEED, step);
        assertThat(Totp.verify(SHA1_SEED, code, now, step)).isEmpty();
        assertThat(Totp.verify(SHA1_SEED, code, now, step - 1)).hasValue(step);
    }

    @Test
    void toleratesSpacesButNotOtherCharacters() {
        Instant now = Instant.ofEpochSecond(1_800_000_000L);
        String code = Totp.code(SHA1_SEED, Totp.step(now));
        assertThat(Totp.verify(SHA1_SEED, code.substring(0, 3) + " " + code.substring(3), now, 0)).isPresent();
        assertThat(Totp.verify(SHA1_SEED, code + "1", now, 0)).isEmpty();
        assertThat(Totp.verify(SHA1_SEED, "abcdef", now, 0)).isEmpty();
        assertThat(Totp.verify(SHA1_SEED, null, now, 0)).isEmpty();
    }

    @Test
    void encodesSecretsInRfc4648Base32() {
        assertThat(Totp.base32("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(Totp.base32(SHA1_SEED)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    }
}
