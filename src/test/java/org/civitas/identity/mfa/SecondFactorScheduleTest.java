package org.civitas.identity.mfa;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How long a person waits after wrong authenticator codes: a growing delay, then a growing lock with a ceiling. */
class SecondFactorScheduleTest {

    @Test
    void afterTheFreeFailuresEachAttemptWaitsTwiceAsLong() {
        assertThat(SecondFactor.delayAfter(SecondFactor.FREE_FAILURES)).isEqualTo(Duration.ofSeconds(30));
        assertThat(SecondFactor.delayAfter(SecondFactor.FREE_FAILURES + 1)).isEqualTo(Duration.ofSeconds(60));
        assertThat(SecondFactor.delayAfter(1_000)).as("never longer than a lock").isEqualTo(SecondFactor.LOCK);
    }

    @Test
    void theLockDoublesWithEachWrongCodePastTheLimitUpToADay() {
        assertThat(SecondFactor.lockFor(SecondFactor.LOCK_AFTER)).isEqualTo(Duration.ofMinutes(15));
        assertThat(SecondFactor.lockFor(SecondFactor.LOCK_AFTER + 1)).isEqualTo(Duration.ofMinutes(30));
        assertThat(SecondFactor.lockFor(SecondFactor.LOCK_AFTER + 2)).isEqualTo(Duration.ofHours(1));
        assertThat(SecondFactor.lockFor(SecondFactor.LOCK_AFTER + 7)).isEqualTo(Duration.ofHours(24));
        assertThat(SecondFactor.lockFor(Integer.MAX_VALUE)).isEqualTo(Duration.ofHours(24));
    }
}
