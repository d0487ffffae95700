package cn.shandong.chsync.push;

import java.time.Duration;

/** How long a failed push waits before its next attempt: base, 2 × base, 4 × base, … up to the cap. */
record Backoff(Duration base, Duration max) {

    Duration after(int attempts) {
        long factor = 1L << Math.min(Math.max(attempts - 1, 0), 20);
        Duration wait = base.multipliedBy(factor);
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
