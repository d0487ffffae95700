package cn.shandong.chsync.reconcile;

import cn.shandong.chsync.dedupe.Hashes;
import cn.shandong.chsync.mapping.MappedRecord;
import cn.shandong.chsync.record.IdNumber;
import cn.shandong.chsync.record.Violation;
import cn.shandong.chsync.security.IdProtection;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The reconciliation table's writer. Called inside the transaction that decided the item could
 * not be used, so an item is filed exactly when its page or push is committed.
 */
@Component
public class ReconciliationItems {

    /** Raw payloads are kept whole up to this size; a larger one is cut with a marker. */
    static final int RAW_LIMIT = 256 * 1024;

    private static final String UPSERT = """
            INSERT INTO reconciliation_item (dedupe_key, source_id, run_id, stage, reason_code, message,
                source_record_id, completion_key, id_hash, id_cipher, raw_payload, status, attempts, occurrences,
                created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', 0, 1, ?, ?)
            ON DUPLICATE KEY UPDATE occurrences = occurrences + 1, run_id = VALUES(run_id),
                message = VALUES(message), updated_at = VALUES(updated_at),
                status = CASE WHEN status = 'RETRYING' THEN 'OPEN' ELSE status END
            """;


    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final IdProtection ids;

    ReconciliationItems(JdbcTemplate jdbc, Clock clock, IdProtection ids) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ids = ids;
    }

    public void file(List<NewItem> items) {
        if (items.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(Instant.now(clock));
        jdbc.batchUpdate(UPSERT, items, items.size(), (ps, item) -> {
            ps.setString(1, Hashes.sha256Hex(item.sourceId() + '|' + item.stage() + '|' + item.reasonCode() + '|' + item.identity()));
            ps.setString(2, item.sourceId());
            ps.setObject(3, item.runId());
            ps.setString(4, item.stage().name());
            ps.setString(5, item.reasonCode());
            // A message may quote what the platform sent (a parser's excerpt): nothing shaped like an ID number stays in clear.
            ps.setString(6, cut(IdNumber.maskAny(item.message()), 1000));
            ps.setString(7, cut(item.sourceRecordId(), 64));
            ps.setString(8, item.completionKey());
            ps.setString(9, ids.hashAsTyped(item.idNumber()));
            ps.setString(10, ids.encrypt(cut(item.idNumber(), 64)));
            ps.setString(11, ids.encrypt(cut(item.rawPayload(), RAW_LIMIT)));
            ps.setTimestamp(12, now);
            ps.setTimestamp(13, now);
        });
    }

    /**
     * A run of the source ended: the page-level items (FETCH, PARSE) support sent to retry are
     * resolved when it read the source to the end, and open again when it failed.
     */
    public void settleRetriedPages(String sourceId, long runId, boolean succeeded) {
        String which = "source_id = ? AND stage IN ('FETCH', 'PARSE')";
        if (succeeded) {
            close(which, "the retry's run " + runId + " read the source to the end", sourceId);
        } else {
            jdbc.update("UPDATE reconciliation_item SET status = 'OPEN', updated_at = ? WHERE status = 'RETRYING' AND "
                    + which, Timestamp.from(Instant.now(clock)), sourceId);
        }
    }

    /**
     * The province has now answered for these rows (taken, or refused for good): the PUSH items
     * support sent to retry for them are resolved. A refusal has been filed as its own
     * PUSH_REJECTED item by then (or has reopened the one that was retried).
     */
    public void settlePushRetries(List<String> taken, List<String> refused) {
        if (taken.isEmpty() && refused.isEmpty()) {
            return;
        }
        // Few items are ever retrying: one indexed read, and only their keys are looked at.
        java.util.Set<String> retrying = new java.util.HashSet<>(jdbc.queryForList(
                "SELECT completion_key FROM reconciliation_item WHERE status = 'RETRYING' AND stage = 'PUSH'", String.class));
        if (retrying.isEmpty()) {
            return;
        }
        for (String key : taken) {
            if (retrying.contains(key)) {
                close("stage = 'PUSH' AND completion_key = ?", "the provincial platform took it on retry", key);
            }
        }
        for (String key : refused) {
            if (retrying.contains(key)) {
                close("stage = 'PUSH' AND completion_key = ?",
                        "the provincial platform answered on retry: rejected, filed as PUSH_REJECTED", key);
            }
        }
    }

    /** A day's statement of the source adds up now: its TALLY item, open or retrying, is resolved. */
    void resolveTally(String sourceId, java.time.LocalDate date) {
        resolve("status IN ('OPEN', 'RETRYING') AND stage = 'TALLY' AND source_id = ? AND source_record_id = ?",
                "the statement of " + date + " matches the province's when worked out again", sourceId, date.toString());
    }

    private void close(String which, String note, Object... args) {
        resolve("status = 'RETRYING' AND " + which, note, args);
    }

    /**
     * Resolves the items {@code which} selects, each with a RESOLVE action by "system". The ids
     * are read first and the actions written with plain INSERTs: an INSERT … SELECT would hold
     * the action table's AUTO-INC lock while it waits for item rows a support action has locked,
     * and the two deadlock (MariaDB answers "Failed to read auto-increment value").
     */
    private void resolve(String which, String note, Object... args) {
        List<Long> ids = jdbc.queryForList("SELECT id FROM reconciliation_item WHERE " + which, Long.class, args);
        if (ids.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(Instant.now(clock));
        // Few items at a time (a retry's, a day's statement): one update each, so each is known to have changed.
        List<Long> resolved = new java.util.ArrayList<>();
        for (long id : ids) {
            if (jdbc.update("UPDATE reconciliation_item SET status = 'RESOLVED', resolved_at = ?, updated_at = ? "
                    + "WHERE id = ? AND status IN ('OPEN', 'RETRYING')", now, now, id) == 1) {
                resolved.add(id);
            }
        }
        jdbc.batchUpdate("INSERT INTO reconciliation_action (item_id, action, actor, note, created_at) "
                + "VALUES (?, 'RESOLVE', 'system', ?, ?)", resolved, resolved.size(), (ps, id) -> {
            ps.setLong(1, id);
            ps.setString(2, note);
            ps.setTimestamp(3, now);
        });
    }

    /** The records of a page that failed mapping or validation, one item each. */
    public void fileQuarantined(String sourceId, long runId, List<MappedRecord> records) {
        file(records.stream().map(r -> quarantineItem(sourceId, runId, r)).toList());
    }

    static NewItem quarantineItem(String sourceId, long runId, MappedRecord r) {
        Violation first = r.violations().get(0);
        String message = r.violations().stream().map(Violation::message).collect(Collectors.joining("; "));
        // A record still refused for the same reason is the same item however often it comes
        // (a re-send changes only its timestamp); a record without an id is known by its content.
        String identity = r.sourceRecordId() != null ? "record " + r.sourceRecordId() : "raw " + Hashes.sha256Hex(r.rawPayload());
        return new NewItem(sourceId, runId, first.code().stage(), first.code().name(), message, r.sourceRecordId(),
                null, r.rawIdNumber(), r.rawPayload(), identity);
    }

    static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        String marker = "…[cut]";
        return text.substring(0, max - marker.length()) + marker;
    }
}
