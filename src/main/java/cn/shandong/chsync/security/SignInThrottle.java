package cn.shandong.chsync.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Refused sign-ins slow down, then lock out, a user name and an address, each counted on its own:
 * a guesser of one user's password is stopped by the user's count, a sprayer of many names from
 * one address by the address's. After {@code freeFailures} refusals in a row each attempt waits
 * {@code backoffBase} doubled per further refusal; after {@code lockoutAfter} the name or address
 * is refused for {@code lockout}, password right or wrong, without its password being checked. A
 * sign-in that succeeds clears its user's count (not its address's: one valid account must not
 * clear a sprayer's). A count is forgotten {@code lockout} after its last refusal.
 *
 * <p>Kept in memory, per instance (a cluster of n allows n times as many guesses), and bounded:
 * at most {@code maxTracked} names and as many addresses, the least recently refused forgotten
 * first. The audit rows refused sign-ins write are bounded by {@link #audit}.
 */
final class SignInThrottle {

    /** One counter's thresholds. */
    record Limits(int freeFailures, int lockoutAfter) {
    }

    private final Limits user;
    private final Limits address;
    private final Duration backoffBase;
    private final Duration lockout;
    private final int auditPerMinute;
    private final Clock clock;
    private final Map<String, Failures> users;
    private final Map<String, Failures> addresses;
    private long auditMinute;
    private int auditedThisMinute;
    private int unaudited;

    private static final class Failures {
        int count;
        Instant last;
        Instant blockedUntil;
    }

    SignInThrottle(Limits user, Limits address, Duration backoffBase, Duration lockout, int maxTracked, int auditPerMinute,
                   Clock clock) {
        this.user = user;
        this.address = address;
        this.backoffBase = backoffBase;
        this.lockout = lockout;
        this.auditPerMinute = auditPerMinute;
        this.clock = clock;
        this.users = lru(maxTracked);
        this.addresses = lru(maxTracked);
    }

    private static Map<String, Failures> lru(int max) {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
                return size() > max;
            }
        };
    }

    /** How long this attempt must still wait, if its name or its address is held back; empty if it may try. */
    synchronized Optional<Duration> wait(String username, String remoteAddress) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        for (Failures f : new Failures[] {current(users, username, now), current(addresses, remoteAddress, now)}) {
            if (f != null && f.blockedUntil != null && f.blockedUntil.isAfter(now)) {
                Duration left = Duration.between(now, f.blockedUntil);
                wait = left.compareTo(wait) > 0 ? left : wait;
            }
        }
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    /** A refused sign-in: counted against the name (if one was given) and the address. */
    synchronized void refused(String username, String remoteAddress) {
        Instant now = clock.instant();
        count(users, username, user, now);
        count(addresses, remoteAddress, address, now);
    }

    /** A sign-in that succeeded: its name starts again from nothing. */
    synchronized void succeeded(String username) {
        if (username != null) {
            users.remove(username);
        }
    }

    /**
     * Whether this refusal is written to the audit trail: at most {@code auditPerMinute} a minute,
     * so that a flood of wrong passwords cannot fill the table. What is left out is counted and
     * answered with the next row written ({@link #leftOut}).
     */
    synchronized boolean audit() {
        long minute = clock.millis() / 60_000;
        if (minute != auditMinute) {
            auditMinute = minute;
            auditedThisMinute = 0;
        }
        if (auditedThisMinute >= auditPerMinute) {
            unaudited++;
            return false;
        }
        auditedThisMinute++;
        return true;
    }

    synchronized void forgetAll() {
        users.clear();
        addresses.clear();
    }

    /** How many refusals were not audited since the last call (and starts counting again). */
    synchronized int leftOut() {
        int n = unaudited;
        unaudited = 0;
        return n;
    }

    private Failures current(Map<String, Failures> map, String key, Instant now) {
        if (key == null) {
            return null;
        }
        Failures f = map.get(key);
        if (f != null && f.last.plus(lockout).isBefore(now) && (f.blockedUntil == null || !f.blockedUntil.isAfter(now))) {
            map.remove(key);
            return null;
        }
        return f;
    }

    private void count(Map<String, Failures> map, String key, Limits limits, Instant now) {
        if (key == null) {
            return;
        }
        Failures f = current(map, key, now);
        if (f == null) {
            f = new Failures();
            map.put(key, f);
        }
        f.count++;
        f.last = now;
        if (f.count >= limits.lockoutAfter()) {
            f.blockedUntil = now.plus(lockout);
        } else if (f.count >= limits.freeFailures()) {
            // 1, 2, 4 … times the base; the shift is bounded because count < lockoutAfter
            Duration backoff = backoffBase.multipliedBy(1L << Math.min(30, f.count - limits.freeFailures()));
            f.blockedUntil = now.plus(backoff.compareTo(lockout) > 0 ? lockout : backoff);
        }
    }
}
