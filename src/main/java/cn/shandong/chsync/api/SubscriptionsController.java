package cn.shandong.chsync.api;

import cn.shandong.chsync.delivery.ReportDelivery;
import cn.shandong.chsync.delivery.Subscription;
import cn.shandong.chsync.delivery.SubscriptionRepository;
import cn.shandong.chsync.record.CreditRecord;
import cn.shandong.chsync.security.AuditLog;
import cn.shandong.chsync.security.Role;
import cn.shandong.chsync.security.SignedIn;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Subscriptions to a city's reports. A bureau user manages its own city's, for itself (role
 * BUREAU); an administrator any city's, for any address (a city's mailbox) with the role whose
 * sight of ID numbers it should have. "Send now" delivers the current month's workbook at once.
 */
@RestController
@RequestMapping("/api/subscriptions")
class SubscriptionsController {

    /** What a caller asks for; city, role, clearIdNumbers, language may be left out. */
    record Request(String city, Subscription.Report report, Subscription.Channel channel, String recipient, Role role,
                   Boolean clearIdNumbers, String language) {
    }

    private final SubscriptionRepository subscriptions;
    private final ReportDelivery delivery;
    private final AuditLog audit;
    private final Clock clock;

    SubscriptionsController(SubscriptionRepository subscriptions, ReportDelivery delivery, AuditLog audit, Clock clock) {
        this.subscriptions = subscriptions;
        this.delivery = delivery;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping
    List<Subscription> list() {
        return subscriptions.list(SignedIn.city().orElse(null));
    }

    @PostMapping
    ResponseEntity<Subscription> create(@RequestBody Request request) {
        Optional<String> own = SignedIn.city();
        String city = request.city() != null ? request.city() : own.orElse(null);
        if (city == null || !city.matches("\\d{6}")) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "city: a six-digit GB/T 2260 code");
        }
        if (own.filter(c -> !c.equals(city)).isPresent()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "a bureau subscribes to its own city's reports: " + own.get());
        }
        if (request.report() == null || request.channel() == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "report (COMPLIANCE or STATEMENT) and channel (ATTACHMENT or LINK)");
        }
        if (request.recipient() == null || !request.recipient().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+") || request.recipient().length() > 254) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "recipient: an e-mail address");
        }
        // a bureau user's subscription sees what the user sees; only an administrator names another role
        Role role = own.isPresent() || request.role() == null ? Role.BUREAU : request.role();
        boolean clear = Boolean.TRUE.equals(request.clearIdNumbers());
        if (clear && !role.seesClearIdNumbers()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "clearIdNumbers: role " + role + " may not see ID numbers in clear");
        }
        String language = request.language() == null ? "zh" : request.language();
        if (!language.equals("zh") && !language.equals("en")) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "language: zh or en");
        }
        Subscription draft = new Subscription(0, city, request.report(), request.channel(), request.recipient().strip(), role, clear,
                language, SignedIn.actor(), clock.instant());
        long id = subscriptions.insert(draft);
        Subscription created = subscriptions.find(id).orElseThrow();
        audit.record("SUBSCRIPTION_CREATED", ReportDelivery.target(created), created.report() + " " + city + " by "
                + created.channel() + " to " + created.recipient() + " as " + role + (clear ? ", ID numbers in clear" : ""));
        return ResponseEntity.status(HttpStatus.CREATED).body(created);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        Subscription s = visible(id);
        subscriptions.delete(s.id());
        audit.record("SUBSCRIPTION_DELETED", ReportDelivery.target(s), s.report() + " " + s.cityCode() + " to " + s.recipient());
        return ResponseEntity.noContent().build();
    }

    /** Sends the subscription its workbook now: of {@code month} (yyyy-MM), by default the current one. */
    @PostMapping("/{id}/send")
    Map<String, Object> send(@PathVariable long id, @RequestParam(required = false) String month) {
        Subscription s = visible(id);
        if (!delivery.mailConfigured()) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "no mail server is configured (spring.mail.host)");
        }
        YearMonth period;
        try {
            period = month == null ? YearMonth.now(clock.withZone(CreditRecord.ZONE)) : YearMonth.parse(month);
        } catch (java.time.DateTimeException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "month: yyyy-MM");
        }
        try {
            delivery.deliver(s, period, ReportDelivery.Occasion.ON_DEMAND, SignedIn.actor());
        } catch (MessagingException | IOException | org.springframework.mail.MailException e) {
            audit.record("REPORT_DELIVERY_FAILED", ReportDelivery.target(s), e.getClass().getSimpleName() + ": " + e.getMessage());
            throw new ResponseStatusException(HttpStatus.BAD_GATEWAY, "the mail was not sent: " + e.getMessage());
        }
        return Map.of("subscription", s.id(), "month", period.toString(), "recipient", s.recipient());
    }

    /** The subscription, if the caller may see it: a bureau's own city's only (another's is as good as absent). */
    private Subscription visible(long id) {
        return subscriptions.find(id).filter(s -> SignedIn.city().map(c -> c.equals(s.cityCode())).orElse(true))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no subscription " + id));
    }
}
