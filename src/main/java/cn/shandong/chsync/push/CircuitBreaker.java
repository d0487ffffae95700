package cn.shandong.chsync.push;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Stops this instance hammering a provincial platform that is down. After {@code threshold}
 * failed requests in a row it opens: no batch is claimed (so no row spends an attempt) until
 * {@code openFor} has passed; then one batch goes as a probe, and its outcome closes the breaker
 * or opens it again. Thread-safe; per instance, as each instance sees the platform for itself.
 */
final class CircuitBreaker {

    enum State { CLOSED, OPEN, HALF_OPEN }

    private final int threshold;
    private final Duration openFor;
    private final Clock clock;
    private State state = State.CLOSED;
    private int failures;
    private Instant openUntil = Instant.MIN;
    private boolean probing;

    CircuitBreaker(int threshold, Duration openFor, Clock clock) {
        this.threshold = threshold;
        this.openFor = openFor;
        this.clock = clock;
    }

    /** Whether a batch may be sent now; in HALF_OPEN only the one probe may. */
    synchronized boolean allows() {
        if (state == State.OPEN && !Instant.now(clock).isBefore(openUntil)) {
            state = State.HALF_OPEN;
            probing = false;
        }
        return switch (state) {
            case CLOSED -> true;
            case OPEN -> false;
            case HALF_OPEN -> {
                if (probing) {
                    yield false;
                }
                probing = true;
                yield true;
            }
        };
    }

    /**
     * An allowed probe decided nothing: nothing was due, or the platform only asked us to wait
     * (429). The next batch may be the probe; without this a half-open breaker would wait forever.
     */
    synchronized void nothingSent() {
        probing = false;
    }

    /** The platform answered (whatever it said of the items). Returns whether this closed the breaker. */
    synchronized boolean succeeded() {
        boolean closing = state != State.CLOSED;
        state = State.CLOSED;
        failures = 0;
        probing = false;
        return closing;
    }

    /** The request failed (5xx, timeout, reset, not JSON). Returns whether this opened the breaker. */
    synchronized boolean failed() {
        failures++;
        if (state == State.HALF_OPEN || (state == State.CLOSED && failures >= threshold)) {
            state = State.OPEN;
            openUntil = Instant.now(clock).plus(openFor);
            probing = false;
            return true;
        }
        return false;
    }

    synchronized State state() {
        return state;
    }
}
