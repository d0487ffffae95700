package cn.shandong.chsync.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DeliveryLinksTest {

    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    private final DeliveryProperties properties = new DeliveryProperties("0 0 7 1 * ?", "chsync@localhost",
            "https://chsync.example.cn", Duration.ofDays(14), "a key of this deployment");

    @Test
    void aLinkItWroteIsAcceptedUntilItExpires() {
        Map<String, String> q = query(new DeliveryLinks(properties, null, Clock.fixed(NOW, ZoneOffset.UTC)).link(7, YearMonth.of(2026, 11)));

        DeliveryLinks.Link link = links(NOW.plus(Duration.ofDays(14))).check(7, q.get("m"), Long.parseLong(q.get("e")), q.get("sig"));

        assertThat(link).isEqualTo(new DeliveryLinks.Link(7, YearMonth.of(2026, 11)));
        assertThatThrownBy(() -> links(NOW.plus(Duration.ofDays(14)).plusSeconds(1)).check(7, q.get("m"), Long.parseLong(q.get("e")),
                q.get("sig"))).isInstanceOfSatisfying(DeliveryLinks.Refused.class, e -> assertThat(e.expired).isTrue());
    }

    @Test
    void aLinkWithAnotherSubscriptionMonthExpiryOrKeyIsRefusedAsNotValid() {
        Map<String, String> q = query(links(NOW).link(7, YearMonth.of(2026, 11)));
        long expires = Long.parseLong(q.get("e"));
        DeliveryLinks otherKey = new DeliveryLinks(new DeliveryProperties("0 0 7 1 * ?", "x@y", "https://x", Duration.ofDays(14),
                "another deployment's key"), null, Clock.fixed(NOW, ZoneOffset.UTC));

        for (Runnable tampered : new Runnable[] {
            () -> links(NOW).check(8, q.get("m"), expires, q.get("sig")),
            () -> links(NOW).check(7, "2026-10", expires, q.get("sig")),
            () -> links(NOW).check(7, q.get("m"), expires + 86_400, q.get("sig")),
            () -> otherKey.check(7, q.get("m"), expires, q.get("sig")),
            () -> links(NOW).check(7, "not-a-month", expires, q.get("sig"))}) {
            assertThatThrownBy(tampered::run).isInstanceOfSatisfying(DeliveryLinks.Refused.class, e -> assertThat(e.expired).isFalse());
        }
    }

    @Test
    void bothMailBundlesHoldTheSameKeys() throws Exception {
        assertThat(bundle("i18n/delivery_en.properties").keySet()).isEqualTo(bundle("i18n/delivery.properties").keySet());
        assertThat(bundle("i18n/delivery.properties")).containsKeys("delivery.report.COMPLIANCE", "delivery.report.STATEMENT",
                "delivery.subject", "delivery.body.attachment", "delivery.body.link");
    }

    private DeliveryLinks links(Instant now) {
        return new DeliveryLinks(properties, null, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static Map<String, String> query(String link) {
        URI uri = URI.create(link);
        assertThat(uri.getHost()).isEqualTo("chsync.example.cn");
        assertThat(uri.getPath()).isEqualTo(DeliveryLinks.PATH);
        Map<String, String> q = new HashMap<>();
        for (String pair : uri.getQuery().split("&")) {
            q.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        return q;
    }

    private static Properties bundle(String path) throws Exception {
        Properties p = new Properties();
        try (InputStream in = DeliveryLinksTest.class.getClassLoader().getResourceAsStream(path)) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return p;
    }
}
