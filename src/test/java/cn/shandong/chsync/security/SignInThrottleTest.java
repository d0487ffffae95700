package cn.shandong.chsync.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    private final MovableClock clock = new MovableClock();
    private final SignInThrottle throttle = new SignInThrottle(new SignInThrottle.Limits(3, 5), new SignInThrottle.Limits(6, 8),
            Duration.ofSeconds(1), Duration.ofMinutes(15), 100, 2, clock);

    @Test
    void aUsersRefusalsAreFreeThenWaitDoublingThenLockItOut() {
        throttle.refused("support", "10.0.0.1");
        throttle.refused("support", "10.0.0.1");
        assertThat(throttle.wait("support", "10.0.0.2")).isEmpty();

        throttle.refused("support", "10.0.0.1");
        assertThat(throttle.wait("support", "10.0.0.2")).contains(Duration.ofSeconds(1));
        clock.pass(Duration.ofSeconds(1));
        assertThat(throttle.wait("support", "10.0.0.2")).isEmpty();

        throttle.refused("support", "10.0.0.1");
        assertThat(throttle.wait("support", "10.0.0.2")).contains(Duration.ofSeconds(2));
        clock.pass(Duration.ofSeconds(2));

        throttle.refused("support", "10.0.0.1");
        assertThat(throttle.wait("support", "10.0.0.2")).contains(Duration.ofMinutes(15));
        // another user from another address is not held back
        assertThat(throttle.wait("bureau", "10.0.0.2")).isEmpty();
        clock.pass(Duration.ofMinutes(15));
        assertThat(throttle.wait("support", "10.0.0.2")).isEmpty();
    }

    @Test
    void anAddressSprayingManyNamesIsLockedOutForEveryName() {
        for (int i = 0; i < 8; i++) {
            throttle.refused("name" + i, "10.0.0.9");
        }
        assertThat(throttle.wait("admin", "10.0.0.9")).contains(Duration.ofMinutes(15));
        assertThat(throttle.wait("admin", "10.0.0.10")).isEmpty();
    }

    @Test
    void aSuccessClearsTheUsersCountButNotTheAddresss() {
        for (int i = 0; i < 6; i++) {
            throttle.refused("support", "10.0.0.1");
        }
        throttle.succeeded("support");
        assertThat(throttle.wait("support", "10.0.0.2")).isEmpty();
        assertThat(throttle.wait("support", "10.0.0.1")).contains(Duration.ofSeconds(1));
    }

    @Test
    void aCountIsForgottenALockoutAfterItsLastRefusal() {
        throttle.refused("support", "10.0.0.1");
        throttle.refused("support", "10.0.0.1");
        clock.pass(Duration.ofMinutes(16));
        throttle.refused("support", "10.0.0.1");
        assertThat(throttle.wait("support", "10.0.0.2")).isEmpty();
    }

    @Test
    void atMostTheBoundOfRefusalsIsAuditedAMinuteAndTheRestIsCounted() {
        assertThat(throttle.audit()).isTrue();
        assertThat(throttle.audit()).isTrue();
        assertThat(throttle.audit()).isFalse();
        assertThat(throttle.audit()).isFalse();
        clock.pass(Duration.ofMinutes(1));
        assertThat(throttle.audit()).isTrue();
        assertThat(throttle.leftOut()).isEqualTo(2);
        assertThat(throttle.leftOut()).isZero();
    }

    @Test
    void theNamesTrackedAreBounded() {
        for (int i = 0; i < 150; i++) {
            throttle.refused("name" + i, null);
            throttle.refused("name" + i, null);
            throttle.refused("name" + i, null);
        }
        // the oldest were forgotten to keep 100
        assertThat(throttle.wait("name0", null)).isEmpty();
        assertThat(throttle.wait("name149", null)).isEqualTo(Optional.of(Duration.ofSeconds(1)));
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-12-05T10:00:00Z");

        void pass(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
