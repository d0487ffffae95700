package cn.shandong.chsync.delivery;

import cn.shandong.chsync.security.AuditLog;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends a subscription its workbook of a month by e-mail, attached or as a signed link, and
 * records every delivery (and every failed one) in the audit trail. Mail is Spring's: without
 * spring.mail.host there is no sender and nothing is sent.
 */
@Component
public class ReportDelivery {

    /** What made the delivery: the monthly schedule or someone's "send now". */
    public enum Occasion { MONTHLY, ON_DEMAND }

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final Logger log = LoggerFactory.getLogger(ReportDelivery.class);

    private final ObjectProvider<JavaMailSender> mail;
    private final SubscriptionRepository subscriptions;
    private final DeliveryWorkbook workbook;
    private final DeliveryLinks links;
    private final DeliveryProperties properties;
    private final MessageSource texts;
    private final AuditLog audit;

    ReportDelivery(ObjectProvider<JavaMailSender> mail, SubscriptionRepository subscriptions, DeliveryWorkbook workbook,
                   DeliveryLinks links, DeliveryProperties properties, MessageSource texts, AuditLog audit) {
        this.mail = mail;
        this.subscriptions = subscriptions;
        this.workbook = workbook;
        this.links = links;
        this.properties = properties;
        this.texts = texts;
        this.audit = audit;
    }

    public boolean mailConfigured() {
        return mail.getIfAvailable() != null;
    }

    /**
     * Every subscription's workbook of the month before {@code today}'s (a compliance report: that
     * month's year). One failing does not hold up the others; each outcome is audited.
     * Answers how many were sent.
     */
    int monthly(LocalDate today) {
        if (!mailConfigured()) {
            log.info("monthly delivery skipped: no mail server is configured (spring.mail.host)");
            return 0;
        }
        YearMonth month = YearMonth.from(today).minusMonths(1);
        int sent = 0;
        for (Subscription s : subscriptions.list(null)) {
            try {
                deliver(s, month, Occasion.MONTHLY, "system");
                sent++;
            } catch (MessagingException | IOException | RuntimeException e) {
                log.warn("delivery of subscription {} failed: {}", s.id(), e.getMessage());
                audit.record("system", "REPORT_DELIVERY_FAILED", target(s), e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        return sent;
    }

    /** One mail to the subscription's recipient; audited in {@code actor}'s name. */
    public void deliver(Subscription s, YearMonth month, Occasion occasion, String actor) throws MessagingException, IOException {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            throw new IllegalStateException("no mail server is configured (spring.mail.host)");
        }
        Locale locale = s.locale();
        String report = text(locale, "delivery.report." + s.report().name());
        String period = s.report() == Subscription.Report.COMPLIANCE ? String.valueOf(month.getYear()) : month.toString();
        String ids = text(locale, s.masked() ? "delivery.idNumbers.masked" : "delivery.idNumbers.clear");
        boolean attached = s.channel() == Subscription.Channel.ATTACHMENT;
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper mime = new MimeMessageHelper(message, attached, "UTF-8");
        mime.setFrom(properties.from());
        mime.setTo(s.recipient());
        mime.setSubject(text(locale, "delivery.subject", report, s.cityCode(), period));
        Path file = null;
        try {
            if (attached) {
                // written to disk, not to memory: a city's report may hold hundreds of thousands of rows
                file = Files.createTempFile("delivery-", ".xlsx");
                try (OutputStream out = Files.newOutputStream(file)) {
                    workbook.write(s, month, out);
                }
                mime.setText(text(locale, "delivery.body.attachment", report, s.cityCode(), period, ids));
                mime.addAttachment(DeliveryWorkbook.fileName(s, month), new FileSystemResource(file), XLSX);
            } else {
                mime.setText(text(locale, "delivery.body.link", report, s.cityCode(), period, ids, links.link(s.id(), month),
                        properties.linkValidity().toDays()));
            }
            sender.send(message);
        } finally {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
        audit.record(actor, "REPORT_DELIVERED", target(s), s.report() + " " + s.cityCode() + " " + period + " by "
                + s.channel() + " to " + s.recipient() + ", ID numbers " + (s.masked() ? "masked" : "in clear") + ", " + occasion);
        if (attached && !s.masked()) {
            // ID numbers in clear left the service: the same trail as a clear report read in the console
            audit.record(actor, "ID_NUMBER_READ", target(s), "report with ID numbers in clear, mailed to " + s.recipient());
        }
    }

    public static String target(Subscription s) {
        return "subscription " + s.id();
    }

    private String text(Locale locale, String key, Object... args) {
        return texts.getMessage(key, args, key, locale);
    }
}
