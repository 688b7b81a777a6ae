package org.civitas.trust.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class SubjectIdsTest {

    @Test
    void anIdIsVersionSevenWithTheTimeInItsFirstFortyEightBits() {
        long millis = 1_795_000_000_123L;
        UUID id = SubjectIds.timeOrdered(millis, Aead.random(SubjectIds.RANDOM_BYTES), 0);

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
    }

    @Test
    void theRandomBitsComeFromTheGivenBytesAtTheOffset() {
        byte[] ones = new byte[4 + SubjectIds.RANDOM_BYTES];
        java.util.Arrays.fill(ones, 4, ones.length, (byte) 0xff);

        UUID id = SubjectIds.timeOrdered(0, ones, 4);

        // 12 random bits after the version, 62 after the variant: all set, nothing else
        assertThat(id.getMostSignificantBits()).isEqualTo(0x7fffL);
        assertThat(id.getLeastSignificantBits()).isEqualTo(0xbfff_ffff_ffff_ffffL);
        assertThat(SubjectIds.timeOrdered(0, new byte[4 + SubjectIds.RANDOM_BYTES], 4))
                .isEqualTo(new UUID(0x7000L, 0x8000_0000_0000_0000L));
    }

    @Test
    void idsOfALaterMillisecondSortAfterAndIdsOfTheSameOneDiffer() {
        Set<UUID> sameMillisecond = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            sameMillisecond.add(SubjectIds.timeOrdered(1_000, Aead.random(SubjectIds.RANDOM_BYTES), 0));
        }
        UUID later = SubjectIds.timeOrdered(1_001, new byte[SubjectIds.RANDOM_BYTES], 0);

        assertThat(sameMillisecond).hasSize(10_000);
        // PostgreSQL orders uuid bytewise, as the unsigned most significant bits here
        assertThat(sameMillisecond).allSatisfy(id ->
                assertThat(Long.compareUnsigned(id.getMostSignificantBits(), later.getMostSignificantBits())).isNegative());
    }
}
