package cn.shandong.chsync.api;

import cn.shandong.chsync.reconcile.ReconciliationQueue;
import cn.shandong.chsync.reconcile.ReconciliationQueue.ItemView;
import cn.shandong.chsync.reconcile.Retries;
import java.security.Principal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The reconciliation queue for support staff (see ReconciliationQueue); who acts is the signed-in user. */
@RestController
@RequestMapping("/api/reconciliation")
public class ReconciliationController {

    private final ReconciliationQueue queue;

    ReconciliationController(ReconciliationQueue queue) {
        this.queue = queue;
    }

    public record Note(String note) {
    }

    public record RetryRequest(List<Long> ids, String note) {
    }

    /**
     * The queue, newest first, filtered by status, stage, source, reason, person (the ID number as
     * the platform sent it) and the day it was raised (from, to: inclusive, Asia/Shanghai).
     */
    @GetMapping
    public Map<String, Object> list(@RequestParam(required = false) String status, @RequestParam(required = false) String stage,
                                    @RequestParam(required = false) String source, @RequestParam(required = false) String reason,
                                    @RequestParam(required = false) String person,
                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                    @RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") int offset) {
        ReconciliationQueue.Page page = queue.list(status, stage, source, reason, person, from, to, limit, offset);
        return Map.of("items", page.items(), "total", page.total());
    }

    /** One item with its raw record and actions (the raw record and clear ID number for support, audited). */
    @GetMapping("/{id}")
    public ItemView one(@PathVariable long id) {
        return queue.one(id);
    }

    /** Retries one item (see {@link Retries} for what a retry does at each stage). */
    @PostMapping("/{id}/retry")
    public Retries.Outcome retry(@PathVariable long id, @RequestBody(required = false) Note note, Principal who) {
        return queue.retry(id, who.getName(), text(note));
    }

    /** Retries many items at once: {"ids": [..], "note": ".."}; answers what became of each. */
    @PostMapping("/retry")
    public Map<String, Object> retryMany(@RequestBody(required = false) RetryRequest request, Principal who) {
        ReconciliationQueue.Retried retried = queue.retryMany(request == null ? null : request.ids(), who.getName(),
                request == null ? null : request.note());
        return Map.of("outcomes", retried.outcomes(), "counts", retried.counts());
    }

    /** Fixed elsewhere (at the platform, by hand): closed with a note saying how. */
    @PostMapping("/{id}/resolve")
    public ItemView resolve(@PathVariable long id, @RequestBody(required = false) Note note, Principal who) {
        return queue.resolve(id, who.getName(), text(note));
    }

    /** Nothing to fix (a test record, a known duplicate): closed with a note saying why. */
    @PostMapping("/{id}/ignore")
    public ItemView ignore(@PathVariable long id, @RequestBody(required = false) Note note, Principal who) {
        return queue.ignore(id, who.getName(), text(note));
    }

    private static String text(Note note) {
        return note == null ? null : note.note();
    }
}
