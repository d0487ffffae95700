package cn.shandong.chsync.push;

import java.time.Duration;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * Why a push request failed, and how long the province asked us to wait (Retry-After, with 429
 * and 503). Every request-level failure is transient to the outbox: it is retried with backoff
 * until the attempt limit files it for support.
 */
record PushFailure(String summary, Duration retryAfter) {

    static PushFailure of(Throwable thrown) {
        for (Throwable e = thrown; e != null; e = e.getCause()) {
            if (e instanceof HttpOperationFailedException http) {
                return new PushFailure("the provincial platform answered HTTP " + http.getStatusCode(),
                        retryAfter(http.getResponseHeaders() == null ? null : http.getResponseHeaders().get("Retry-After")));
            }
        }
        return new PushFailure(String.valueOf(thrown), null);
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
