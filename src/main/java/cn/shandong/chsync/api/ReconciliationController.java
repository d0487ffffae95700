package cn.shandong.chsync.api;

import cn.shandong.chsync.RequestRefused;
import cn.shandong.chsync.reconcile.ReconciliationActions;
import cn.shandong.chsync.reconcile.ReconciliationItems;
import cn.shandong.chsync.record.CreditRecord;
import cn.shandong.chsync.record.IdNumber;
import cn.shandong.chsync.security.AuditLog;
import cn.shandong.chsync.security.IdProtection;
import cn.shandong.chsync.security.SignedIn;
import cn.shandong.chsync.reconcile.Retries;
import java.security.Principal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import cn.shandong.chsync.sql.Times;

/**
 * The reconciliation queue for support staff. Lists show ID numbers masked and no raw payload;
 * one item's detail carries the raw record as the platform sent it and every action taken on it.
 */
@RestController
@RequestMapping("/api/reconciliation")
public class ReconciliationController {

    private static final int MAX_LIMIT = 1000;

    private final ReconciliationItems items;
    private final ReconciliationActions actions;
    private final Retries retries;
    private final IdProtection ids;
    private final AuditLog audit;

    ReconciliationController(ReconciliationItems items, ReconciliationActions actions, Retries retries, IdProtection ids,
                             AuditLog audit) {
        this.items = items;
        this.actions = actions;
        this.retries = retries;
        this.ids = ids;
        this.audit = audit;
    }

    public record ItemView(long id, String sourceId, Long runId, String stage, String reasonCode, String message,
                    String sourceRecordId, String completionKey, String idNumber, String status, int attempts,
                    int occurrences, Instant createdAt, Instant updatedAt, Instant resolvedAt, String rawPayload,
                    List<Map<String, Object>> actions) {
    }

    public record Note(String note) {
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
        ReconciliationItems.Query query = new ReconciliationItems.Query(status, stage, source, reason,
                person == null || person.isBlank() ? null : ids.hashAsTyped(person),
                from == null ? null : Timestamp.from(from.atStartOfDay(CreditRecord.ZONE).toInstant()),
                to == null ? null : Timestamp.from(to.plusDays(1).atStartOfDay(CreditRecord.ZONE).toInstant()));
        int total = items.count(query);
        List<ItemView> page = items.page(query, Math.max(1, Math.min(limit, MAX_LIMIT)), Math.max(0, offset),
                (rs, i) -> read(rs, false, false));
        return Map.of("items", page, "total", total);
    }

    /**
     * One item with its raw record and actions. Support staff get the record as the platform sent
     * it, ID number in clear (to have it corrected there); each such read is audited.
     */
    @GetMapping("/{id}")
    public ItemView one(@PathVariable long id) {
        boolean clear = SignedIn.seesClearIdNumbers();
        ItemView item = items.one(id, (rs, i) -> read(rs, true, clear))
                .orElseThrow(() -> new RequestRefused(HttpStatus.NOT_FOUND, "NO_ITEM", "no reconciliation item " + id, id));
        if (clear) {
            audit.record("ID_NUMBER_READ", "reconciliation item " + id, "raw record and ID number");
        }
        return new ItemView(item.id(), item.sourceId(), item.runId(), item.stage(), item.reasonCode(), item.message(),
                item.sourceRecordId(), item.completionKey(), item.idNumber(), item.status(), item.attempts(),
                item.occurrences(), item.createdAt(), item.updatedAt(), item.resolvedAt(), item.rawPayload(),
                actions.history(id));
    }

    public record RetryRequest(List<Long> ids, String note) {
    }

    /** Retries one item (see {@link Retries} for what a retry does at each stage). */
    @PostMapping("/{id}/retry")
    public Retries.Outcome retry(@PathVariable long id, @RequestBody(required = false) Note note, Principal who) {
        Retries.Outcome outcome = retries.retry(List.of(id), actor(who), note == null ? null : note.note()).get(0);
        if (outcome.outcome().equals("SKIPPED")) {
            throw outcome.message().startsWith("no reconciliation item")
                    ? new RequestRefused(HttpStatus.NOT_FOUND, "NO_ITEM", outcome.message(), id)
                    : new RequestRefused(HttpStatus.CONFLICT, "ITEM_NOT_RETRIABLE", outcome.message(), id);
        }
        return outcome;
    }

    /** Retries many items at once: {"ids": [..], "note": ".."}; answers what became of each. */
    @PostMapping("/retry")
    public Map<String, Object> retryMany(@RequestBody RetryRequest request, Principal who) {
        if (request == null || request.ids() == null || request.ids().isEmpty()) {
            throw new RequestRefused(HttpStatus.BAD_REQUEST, "IDS_REQUIRED", "ids: the items to retry");
        }
        if (request.ids().size() > MAX_LIMIT) {
            throw new RequestRefused(HttpStatus.BAD_REQUEST, "TOO_MANY_IDS", "at most " + MAX_LIMIT + " items at once", MAX_LIMIT);
        }
        List<Retries.Outcome> outcomes = retries.retry(request.ids(), actor(who), request.note());
        Map<String, Long> counts = new java.util.TreeMap<>(outcomes.stream()
                .collect(java.util.stream.Collectors.groupingBy(Retries.Outcome::outcome, java.util.stream.Collectors.counting())));
        return Map.of("outcomes", outcomes, "counts", counts);
    }

    private static String actor(Principal who) {
        return who.getName();
    }

    /** Fixed elsewhere (at the platform, by hand): closed with a note saying how. */
    @PostMapping("/{id}/resolve")
    public ItemView resolve(@PathVariable long id, @RequestBody(required = false) Note note, Principal who) {
        return close(id, "RESOLVED", note, who);
    }

    /** Nothing to fix (a test record, a known duplicate): closed with a note saying why. */
    @PostMapping("/{id}/ignore")
    public ItemView ignore(@PathVariable long id, @RequestBody(required = false) Note note, Principal who) {
        return close(id, "IGNORED", note, who);
    }

    private ItemView close(long id, String status, Note note, Principal who) {
        ReconciliationActions.Outcome outcome;
        try {
            outcome = actions.close(id, status, actor(who), note == null ? null : note.note());
        } catch (IllegalArgumentException e) {
            throw new RequestRefused(HttpStatus.BAD_REQUEST, "NOTE_REQUIRED", e.getMessage());
        }
        return switch (outcome) {
            case DONE -> one(id);
            case NOT_FOUND -> throw new RequestRefused(HttpStatus.NOT_FOUND, "NO_ITEM", "no reconciliation item " + id, id);
            case CLOSED -> throw new RequestRefused(HttpStatus.CONFLICT, "ITEM_CLOSED", "item " + id + " is already closed", id);
        };
    }

    private ItemView read(java.sql.ResultSet rs, boolean withRaw, boolean clear) throws java.sql.SQLException {
        String idNumber = ids.decrypt(rs.getString("id_cipher"));
        return new ItemView(rs.getLong("id"), rs.getString("source_id"), (Long) rs.getObject("run_id", Long.class),
                rs.getString("stage"), rs.getString("reason_code"), rs.getString("message"),
                rs.getString("source_record_id"), rs.getString("completion_key"), clear ? idNumber : IdNumber.mask(idNumber),
                rs.getString("status"), rs.getInt("attempts"), rs.getInt("occurrences"),
                Times.instant(rs, "created_at"), Times.instant(rs, "updated_at"), Times.instant(rs, "resolved_at"),
                withRaw && clear ? ids.decrypt(rs.getString("raw_payload")) : null, null);
    }
}
