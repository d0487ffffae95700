package cn.shandong.chsync.it;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** What the integration suites wait with: a condition polled until it holds or the patience runs out. */
public final class Waits {

    private Waits() {
    }

    public static void await(BooleanSupplier condition, String what, Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("gave up waiting for " + what + " after " + patience.toSeconds() + " s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }
}
