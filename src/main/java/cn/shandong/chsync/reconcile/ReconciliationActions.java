package cn.shandong.chsync.reconcile;

import cn.shandong.chsync.security.AuditLog;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What support staff do to a reconciliation item, each recorded with who, when and why in the
 * same transaction as the change it makes: with ReconciliationItems, the owner of
 * reconciliation_item and reconciliation_action.
 */
@Component
public class ReconciliationActions {

    /** What became of an action: done, no such item, or the item is already closed. */
    public enum Outcome { DONE, NOT_FOUND, CLOSED }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final AuditLog audit;

    ReconciliationActions(JdbcTemplate jdbc, Clock clock, AuditLog audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
    }

    /** RESOLVED (fixed elsewhere, e.g. at the platform) or IGNORED (nothing to fix); a note is required. */
    @Transactional
    public Outcome close(long itemId, ItemStatus status, String actor, String note) {
        if (note == null || note.isBlank()) {
            throw new IllegalArgumentException("a note saying why is required");
        }
        Timestamp now = Timestamp.from(Instant.now(clock));
        if (status != ItemStatus.RESOLVED && status != ItemStatus.IGNORED) {
            throw new IllegalArgumentException("an item is closed as RESOLVED or IGNORED, not " + status);
        }
        int changed = jdbc.update("UPDATE reconciliation_item SET status = ?, resolved_at = ?, updated_at = ? WHERE id = ? AND "
                + ItemStatus.WAITING, status.name(), now, now, itemId);
        if (changed == 0) {
            Integer exists = jdbc.queryForObject("SELECT COUNT(*) FROM reconciliation_item WHERE id = ?", Integer.class, itemId);
            return exists == 0 ? Outcome.NOT_FOUND : Outcome.CLOSED;
        }
        String action = status == ItemStatus.RESOLVED ? "RESOLVE" : "IGNORE";
        jdbc.update("INSERT INTO reconciliation_action (item_id, action, actor, note, created_at) VALUES (?, ?, ?, ?, ?)",
                itemId, action, actor, note.strip(), now);
        audit.record(actor, action, "reconciliation item " + itemId, note.strip());
        return Outcome.DONE;
    }

    /** A retry of the item, and the status it leaves it in (OPEN, RETRYING or RESOLVED). */
    @Transactional
    public void retried(long itemId, ItemStatus status, String actor, String note) {
        Timestamp now = Timestamp.from(Instant.now(clock));
        jdbc.update("""
                UPDATE reconciliation_item SET status = ?, attempts = attempts + 1, updated_at = ?,
                    resolved_at = CASE WHEN ? = '%s' THEN ? ELSE resolved_at END
                WHERE id = ?
                """.formatted(ItemStatus.RESOLVED), status.name(), now, status.name(), now, itemId);
        jdbc.update("INSERT INTO reconciliation_action (item_id, action, actor, note, created_at) VALUES (?, 'RETRY', ?, ?, ?)",
                itemId, actor, note == null ? null : note.strip(), now);
        audit.record(actor, "RETRY", "reconciliation item " + itemId, "now " + status);
    }

    public List<Map<String, Object>> history(long itemId) {
        return jdbc.queryForList("""
                SELECT action, actor, note, created_at AS at FROM reconciliation_action WHERE item_id = ? ORDER BY id
                """, itemId);
    }
}
