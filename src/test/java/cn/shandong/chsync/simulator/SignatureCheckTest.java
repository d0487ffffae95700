package cn.shandong.chsync.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shandong.chsync.it.MovableClock;
import cn.shandong.chsync.push.Signature;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignatureCheckTest {

    private static final long NOW = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    private static final byte[] BODY = "{\"items\":[]}".getBytes(StandardCharsets.UTF_8);
    private static final String PATH = "/sim/province/api/v1/credit-hours/batch";

    private final SignatureCheck check = new SignatureCheck("demo-province", "secret", Duration.ofMinutes(5),
            Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));

    @Test
    void takesAProperlySignedRequestOnce() {
        assertThat(refusal(NOW, "n-1", sign(NOW, "n-1"))).isNull();
        assertThat(refusal(NOW, "n-1", sign(NOW, "n-1"))).isEqualTo("NONCE_REPLAYED");
    }

    @Test
    void takesANonceAgainOnceItsWindowIsOverAndForgetsExpiredOnes() {
        MovableClock clock = new MovableClock(Instant.ofEpochMilli(NOW));
        SignatureCheck check = new SignatureCheck("demo-province", "secret", Duration.ofMinutes(5), clock);
        assertThat(check.refuse("POST", PATH, BODY, "demo-province", Long.toString(NOW), "n-1", sign(NOW, "n-1"))).isEmpty();
        assertThat(check.refuse("POST", PATH, BODY, "demo-province", Long.toString(NOW), "n-2", sign(NOW, "n-2"))).isEmpty();

        // within twice the skew a nonce is refused, however fresh its timestamp
        clock.advance(Duration.ofMinutes(9));
        long later = clock.millis();
        assertThat(check.refuse("POST", PATH, BODY, "demo-province", Long.toString(later), "n-1", sign(later, "n-1")))
                .contains("NONCE_REPLAYED");

        // past it, the nonce is taken again, and the other expired one is forgotten
        clock.advance(Duration.ofMinutes(1).plusMillis(1));
        long after = clock.millis();
        assertThat(check.refuse("POST", PATH, BODY, "demo-province", Long.toString(after), "n-1", sign(after, "n-1"))).isEmpty();
        assertThat(check.noncesKept()).isEqualTo(1);
        assertThat(check.refuse("POST", PATH, BODY, "demo-province", Long.toString(after), "n-1", sign(after, "n-1")))
                .contains("NONCE_REPLAYED");
    }

    @Test
    void refusesAForgedOrStaleRequestWithItsReason() {
        assertThat(refusal(NOW, "n-2", "AAAA")).isEqualTo("SIGNATURE_INVALID");
        long stale = NOW - Duration.ofMinutes(6).toMillis();
        assertThat(refusal(stale, "n-3", sign(stale, "n-3"))).isEqualTo("TIMESTAMP_OUT_OF_WINDOW");
        assertThat(check.refuse("POST", PATH, BODY, "someone-else", Long.toString(NOW), "n-4", sign(NOW, "n-4")))
                .contains("APP_KEY_UNKNOWN");
        assertThat(check.refuse("POST", PATH, BODY, "demo-province", null, "n-5", "x")).contains("TIMESTAMP_MISSING");
    }

    private String refusal(long timestamp, String nonce, String signature) {
        return check.refuse("POST", PATH, BODY, "demo-province", Long.toString(timestamp), nonce, signature).orElse(null);
    }

    private static String sign(long timestamp, String nonce) {
        return Signature.sign("secret", "POST", PATH, Map.of(), BODY, timestamp, nonce);
    }
}
