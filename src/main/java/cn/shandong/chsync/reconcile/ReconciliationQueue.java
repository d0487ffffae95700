package cn.shandong.chsync.reconcile;

import cn.shandong.chsync.RequestRefused;
import cn.shandong.chsync.record.CreditRecord;
import cn.shandong.chsync.record.IdNumber;
import cn.shandong.chsync.security.AuditLog;
import cn.shandong.chsync.security.IdProtection;
import cn.shandong.chsync.security.SignedIn;
import cn.shandong.chsync.sql.Instants;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The reconciliation queue as support staff work it, through the API and the console alike.
 * Lists show ID numbers masked and no raw payload; one item's detail carries the raw record as
 * the platform sent it (to those who may see ID numbers in clear, each such read audited) and
 * every action taken on it.
 */
@Service
public class ReconciliationQueue {

    public static final int MAX_LIMIT = 1000;

    private final ReconciliationItems items;
    private final ReconciliationActions actions;
    private final Retries retries;
    private final IdProtection ids;
    private final AuditLog audit;

    ReconciliationQueue(ReconciliationItems items, ReconciliationActions actions, Retries retries, IdProtection ids,
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

    /** One page of the queue and how many items the filters select in all. */
    public record Page(List<ItemView> items, int total) {
    }

    /** What a retry of many items came to: each item's outcome, and how many came to each. */
    public record Retried(List<Retries.Outcome> outcomes, Map<String, Long> counts) {
    }

    /**
     * The queue, newest first, filtered by status, stage, source, reason, person (the ID number as
     * the platform sent it) and the days it was raised (from, to: inclusive, Asia/Shanghai).
     */
    public Page list(String status, String stage, String source, String reason, String person, LocalDate from,
                     LocalDate to, int limit, int offset) {
        ReconciliationItems.Query query = new ReconciliationItems.Query(status, stage, source, reason,
                person == null || person.isBlank() ? null : ids.hashAsTyped(person),
                from == null ? null : Timestamp.from(from.atStartOfDay(CreditRecord.ZONE).toInstant()),
                to == null ? null : Timestamp.from(to.plusDays(1).atStartOfDay(CreditRecord.ZONE).toInstant()));
        return new Page(items.page(query, Math.max(1, Math.min(limit, MAX_LIMIT)), Math.max(0, offset),
                (rs, i) -> read(rs, false, false)), items.count(query));
    }

    /** One item with its raw record and actions; the raw record and clear ID number only to a role that may see them. */
    public ItemView one(long id) {
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

    /** Retries one item (see {@link Retries} for what a retry does at each stage); refused if it cannot be. */
    public Retries.Outcome retry(long id, String actor, String note) {
        Retries.Outcome outcome = retries.retry(List.of(id), actor, note).get(0);
        if (outcome.outcome().equals("SKIPPED")) {
            throw outcome.message().startsWith("no reconciliation item")
                    ? new RequestRefused(HttpStatus.NOT_FOUND, "NO_ITEM", outcome.message(), id)
                    : new RequestRefused(HttpStatus.CONFLICT, "ITEM_NOT_RETRIABLE", outcome.message(), id);
        }
        return outcome;
    }

    /** Retries many items at once, at most {@link #MAX_LIMIT}; answers what became of each. */
    public Retried retryMany(List<Long> ids, String actor, String note) {
        if (ids == null || ids.isEmpty()) {
            throw new RequestRefused(HttpStatus.BAD_REQUEST, "IDS_REQUIRED", "ids: the items to retry");
        }
        if (ids.size() > MAX_LIMIT) {
            throw new RequestRefused(HttpStatus.BAD_REQUEST, "TOO_MANY_IDS", "at most " + MAX_LIMIT + " items at once", MAX_LIMIT);
        }
        List<Retries.Outcome> outcomes = retries.retry(ids, actor, note);
        return new Retried(outcomes, new TreeMap<>(outcomes.stream()
                .collect(Collectors.groupingBy(Retries.Outcome::outcome, Collectors.counting()))));
    }

    /** Fixed elsewhere (at the platform, by hand): closed with a note saying how. */
    public ItemView resolve(long id, String actor, String note) {
        return close(id, ItemStatus.RESOLVED, actor, note);
    }

    /** Nothing to fix (a test record, a known duplicate): closed with a note saying why. */
    public ItemView ignore(long id, String actor, String note) {
        return close(id, ItemStatus.IGNORED, actor, note);
    }

    private ItemView close(long id, ItemStatus status, String actor, String note) {
        ReconciliationActions.Outcome outcome;
        try {
            outcome = actions.close(id, status, actor, note);
        } catch (IllegalArgumentException e) {
            throw new RequestRefused(HttpStatus.BAD_REQUEST, "NOTE_REQUIRED", e.getMessage());
        }
        return switch (outcome) {
            case DONE -> one(id);
            case NOT_FOUND -> throw new RequestRefused(HttpStatus.NOT_FOUND, "NO_ITEM", "no reconciliation item " + id, id);
            case CLOSED -> throw new RequestRefused(HttpStatus.CONFLICT, "ITEM_CLOSED", "item " + id + " is already closed", id);
        };
    }

    private ItemView read(ResultSet rs, boolean withRaw, boolean clear) throws SQLException {
        String idNumber = ids.decrypt(rs.getString("id_cipher"));
        return new ItemView(rs.getLong("id"), rs.getString("source_id"), (Long) rs.getObject("run_id", Long.class),
                rs.getString("stage"), rs.getString("reason_code"), rs.getString("message"),
                rs.getString("source_record_id"), rs.getString("completion_key"), clear ? idNumber : IdNumber.mask(idNumber),
                rs.getString("status"), rs.getInt("attempts"), rs.getInt("occurrences"),
                Instants.of(rs, "created_at"), Instants.of(rs, "updated_at"), Instants.of(rs, "resolved_at"),
                withRaw && clear ? ids.decrypt(rs.getString("raw_payload")) : null, null);
    }
}
