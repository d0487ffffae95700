package cn.shandong.chsync.simulator;

import cn.shandong.chsync.push.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How the simulated province checks a request's signature: the app key it knows, a timestamp
 * within the skew window, a nonce it has not seen inside that window, and the HMAC over the
 * request. The answer names what is wrong, as the real platform's error codes would.
 */
final class SignatureCheck {

    private final String appKey;
    private final String secret;
    private final Duration skew;
    private final Clock clock;
    /** Each nonce seen, to when it counts as seen (twice the skew after it came). */
    private final Map<String, Long> seenNonces = new ConcurrentHashMap<>();
    private final AtomicLong prunedAt = new AtomicLong();

    SignatureCheck(String appKey, String secret, Duration skew, Clock clock) {
        this.appKey = appKey;
        this.secret = secret;
        this.skew = skew;
        this.clock = clock;
    }

    /** Empty when the request is properly signed; else the reason it is refused. */
    Optional<String> refuse(String method, String path, byte[] body, String key, String timestamp, String nonce,
                            String signature) {
        return refuse(method, path, Map.of(), body, key, timestamp, nonce, signature);
    }

    /** The same for a request with query parameters, which the signature covers too. */
    Optional<String> refuse(String method, String path, Map<String, String> query, byte[] body, String key,
                            String timestamp, String nonce, String signature) {
        if (!appKey.equals(key)) {
            return Optional.of("APP_KEY_UNKNOWN");
        }
        long now = clock.millis();
        long at;
        try {
            at = Long.parseLong(timestamp);
        } catch (NumberFormatException | NullPointerException e) {
            return Optional.of("TIMESTAMP_MISSING");
        }
        if (Math.abs(now - at) > skew.toMillis()) {
            return Optional.of("TIMESTAMP_OUT_OF_WINDOW");
        }
        if (nonce == null || nonce.isBlank()) {
            return Optional.of("NONCE_MISSING");
        }
        String expected = Signature.sign(secret, method, path, query, body, at, nonce);
        if (!Signature.matches(expected, signature)) {
            return Optional.of("SIGNATURE_INVALID");
        }
        long expires = now + 2 * skew.toMillis();
        Long before = seenNonces.putIfAbsent(nonce, expires);
        if (before != null && (before >= now || !seenNonces.replace(nonce, before, expires))) {
            return Optional.of("NONCE_REPLAYED");
        }
        forgetExpired(now);
        return Optional.empty();
    }

    /**
     * Drops the nonces whose time is over, at most once a second: walking every nonce of the
     * window on each request costs in proportion to the window's traffic. One left over
     * meanwhile is no longer refused (its time is checked).
     */
    private void forgetExpired(long now) {
        long last = prunedAt.get();
        if (now - last >= 1000 && prunedAt.compareAndSet(last, now)) {
            seenNonces.values().removeIf(expires -> expires < now);
        }
    }

    /** How many nonces are kept now. */
    int noncesKept() {
        return seenNonces.size();
    }
}
