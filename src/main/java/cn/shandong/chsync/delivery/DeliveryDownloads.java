package cn.shandong.chsync.delivery;

import cn.shandong.chsync.security.AuditLog;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A delivered link's workbook, without a sign-in: the link's signature and expiry stand for it
 * (DeliveryLinks), and the subscription must still exist. Every download is audited.
 */
@RestController
class DeliveryDownloads {

    private final DeliveryLinks links;
    private final SubscriptionRepository subscriptions;
    private final DeliveryWorkbook workbook;
    private final AuditLog audit;

    DeliveryDownloads(DeliveryLinks links, SubscriptionRepository subscriptions, DeliveryWorkbook workbook, AuditLog audit) {
        this.links = links;
        this.subscriptions = subscriptions;
        this.workbook = workbook;
        this.audit = audit;
    }

    @GetMapping(DeliveryLinks.PATH)
    ResponseEntity<StreamingResponseBody> download(@RequestParam("s") long subscription, @RequestParam("m") String month,
                                                   @RequestParam("e") long expires, @RequestParam("sig") String signature) {
        DeliveryLinks.Link link;
        try {
            link = links.check(subscription, month, expires, signature);
        } catch (DeliveryLinks.Refused e) {
            throw new ResponseStatusException(e.expired ? HttpStatus.GONE : HttpStatus.FORBIDDEN, e.getMessage());
        }
        Subscription s = subscriptions.find(link.subscription())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.GONE, "the subscription was cancelled"));
        audit.record("link", "REPORT_DOWNLOADED", ReportDelivery.target(s), s.report() + " " + s.cityCode() + " " + link.month()
                + ", ID numbers " + (s.masked() ? "masked" : "in clear"));
        if (!s.masked()) {
            audit.record("link", "ID_NUMBER_READ", ReportDelivery.target(s), "report with ID numbers in clear, downloaded by link");
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(ReportDelivery.XLSX))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + DeliveryWorkbook.fileName(s, link.month()) + "\"")
                .body(out -> workbook.write(s, link.month(), out));
    }
}
