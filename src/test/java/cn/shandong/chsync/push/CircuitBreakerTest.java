package cn.shandong.chsync.push;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shandong.chsync.it.MovableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T08:00:00Z"));
    private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(30), clock);

    @Test
    void opensAfterTheThresholdOfFailuresInARowAndLetsNothingThroughWhileOpen() {
        assertThat(breaker.failed()).isFalse();
        assertThat(breaker.failed()).isFalse();
        assertThat(breaker.allows()).isTrue();
        assertThat(breaker.failed()).isTrue();

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.allows()).isFalse();
        clock.advance(Duration.ofSeconds(29));
        assertThat(breaker.allows()).isFalse();
    }

    @Test
    void aSuccessInBetweenStartsTheCountAgain() {
        breaker.failed();
        breaker.failed();
        assertThat(breaker.succeeded()).isFalse();
        breaker.failed();
        breaker.failed();

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void afterTheOpenPeriodExactlyOneProbeGoesAndItsOutcomeDecides() {
        breaker.failed();
        breaker.failed();
        breaker.failed();
        clock.advance(Duration.ofSeconds(30));

        assertThat(breaker.allows()).isTrue();
        assertThat(breaker.allows()).as("a second batch while the probe is out").isFalse();
        assertThat(breaker.failed()).as("a failed probe opens it again at once").isTrue();
        assertThat(breaker.allows()).isFalse();

        clock.advance(Duration.ofSeconds(30));
        assertThat(breaker.allows()).isTrue();
        assertThat(breaker.succeeded()).isTrue();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.allows()).isTrue();
        assertThat(breaker.allows()).isTrue();
    }

    @Test
    void aProbeThatDecidesNothingLetsTheNextBatchProbe() {
        breaker.failed();
        breaker.failed();
        breaker.failed();
        clock.advance(Duration.ofSeconds(30));
        assertThat(breaker.allows()).isTrue();
        assertThat(breaker.allows()).isFalse();

        // nothing was due, or the province answered 429: neither a success nor a failure
        breaker.nothingSent();

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(breaker.allows()).isTrue();
    }
}
