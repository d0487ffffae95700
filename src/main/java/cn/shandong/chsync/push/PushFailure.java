package cn.shandong.chsync.push;

import java.time.Duration;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * Why a push request failed, and how long the province asked us to wait (Retry-After, with 429
 * and 503). Every request-level failure is transient to the outbox: it is retried with backoff
 * until the attempt limit files it for support. A 429 is the platform pacing us (throttled), not
 * failing: the rows wait as it asks, and the circuit breaker does not count it.
 */
record PushFailure(String summary, Duration retryAfter, boolean throttled) {

    static PushFailure of(Throwable thrown) {
        for (Throwable e = thrown; e != null; e = e.getCause()) {
            if (e instanceof HttpOperationFailedException http) {
                return new PushFailure("the provincial platform answered HTTP " + http.getStatusCode(),
                        retryAfter(http.getResponseHeaders() == null ? null : http.getResponseHeaders().get("Retry-After")),
                        http.getStatusCode() == 429);
            }
        }
        return new PushFailure(String.valueOf(thrown), null, false);
    }

    private static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(header.strip()));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
