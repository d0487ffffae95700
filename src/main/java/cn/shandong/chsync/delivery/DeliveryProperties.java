package cn.shandong.chsync.delivery;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Delivery of reports to bureaus (sync.delivery). Mail itself is Spring's spring.mail.*: without
 * spring.mail.host nothing is sent.
 *
 * @param cron         when the monthly delivery runs (Quartz cron, the service's time zone)
 * @param from         the sender address of the mails
 * @param linkBaseUrl  how a recipient reaches this service: the start of a download link
 * @param linkValidity how long a download link works
 * @param linkKey      the key that signs download links; empty: one derived from the ID-number hash key
 */
@Validated
@ConfigurationProperties(prefix = "sync.delivery")
record DeliveryProperties(
        @NotBlank @DefaultValue("0 0 7 1 * ?") String cron,
        @NotBlank @DefaultValue("chsync@localhost") String from,
        @NotBlank @DefaultValue("http://localhost:8080") String linkBaseUrl,
        @DefaultValue("P14D") Duration linkValidity,
        @DefaultValue("") String linkKey) {
}
