package cn.shandong.chsync.delivery;

import cn.shandong.chsync.security.IdProtection;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Download links that need no sign-in: the subscription, the month and the expiry, signed with
 * HMAC-SHA256. The key is configured, or derived from the ID-number hash key, so every instance
 * of a deployment checks the links any of them wrote and another deployment's links fail.
 */
@Component
class DeliveryLinks {

    static final String PATH = "/api/deliveries/download";

    /** A link's parts once its signature and expiry are checked. */
    record Link(long subscription, YearMonth month) {
    }

    private final SecretKeySpec key;
    private final DeliveryProperties properties;
    private final Clock clock;

    DeliveryLinks(DeliveryProperties properties, IdProtection ids, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        String secret = properties.linkKey().isBlank() ? ids.hash("delivery-link-key") : properties.linkKey();
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The link to a subscription's workbook of the month, valid for sync.delivery.link-validity. */
    String link(long subscription, YearMonth month) {
        long expires = Instant.now(clock).plus(properties.linkValidity()).getEpochSecond();
        return UriComponentsBuilder.fromUriString(properties.linkBaseUrl()).path(PATH)
                .queryParam("s", subscription).queryParam("m", month).queryParam("e", expires)
                .queryParam("sig", sign(subscription, month, expires)).build().toUriString();
    }

    /** The link's parts; {@link Refused} when the signature does not match or the link has expired. */
    Link check(long subscription, String month, long expires, String signature) {
        YearMonth parsed;
        try {
            parsed = YearMonth.parse(month);
        } catch (java.time.DateTimeException e) {
            throw new Refused(false);
        }
        byte[] expected = sign(subscription, parsed, expires).getBytes(StandardCharsets.US_ASCII);
        if (signature == null || !MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            throw new Refused(false);
        }
        if (Instant.now(clock).getEpochSecond() > expires) {
            throw new Refused(true);
        }
        return new Link(subscription, parsed);
    }

    private String sign(long subscription, YearMonth month, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal((subscription + "|" + month + "|" + expires).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** A link refused: expired (its signature was right) or not one this service wrote. */
    static final class Refused extends RuntimeException {

        final boolean expired;

        Refused(boolean expired) {
            super(expired ? "the download link has expired" : "the download link is not valid", null, false, false);
            this.expired = expired;
        }
    }
}
