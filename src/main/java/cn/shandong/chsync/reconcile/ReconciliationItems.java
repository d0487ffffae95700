package cn.shandong.chsync.reconcile;

import cn.shandong.chsync.dedupe.Hashes;
import cn.shandong.chsync.mapping.MappedRecord;
import cn.shandong.chsync.record.IdNumber;
import cn.shandong.chsync.record.Stage;
import cn.shandong.chsync.record.Violation;
import cn.shandong.chsync.security.IdProtection;
import cn.shandong.chsync.sql.StatementShapes;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The service's statements on reconciliation_item: filing items (called inside the transaction
 * that decided the item could not be used, so an item is filed exactly when its page or push is
 * committed), settling them, and what the API, the console, the metrics and support's retries
 * read of them. Support's own changes (resolve, ignore, retry, each with its action row) are
 * ReconciliationActions'; the two are the pair that owns reconciliation_item and reconciliation_action.
 * Longer than most because it is the one place the service files and settles items.
 */
@Component
public class ReconciliationItems {

    /** Raw payloads are kept whole up to this size; a larger one is cut with a marker. */
    static final int RAW_LIMIT = 256 * 1024;

    private static final String SEEN_AGAIN = """
            UPDATE reconciliation_item SET occurrences = occurrences + 1, run_id = ?, message = ?, updated_at = ?,
                %s
            WHERE dedupe_key = ?
            """.formatted(ItemStatus.REOPEN_RETRYING);
    private static final String UPSERT = """
            INSERT INTO reconciliation_item (dedupe_key, source_id, run_id, stage, reason_code, message,
                source_record_id, completion_key, id_hash, id_cipher, raw_payload, status, attempts, occurrences,
                created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '%s', 0, 1, ?, ?)
            ON DUPLICATE KEY UPDATE occurrences = occurrences + 1, run_id = VALUES(run_id),
                message = VALUES(message), updated_at = VALUES(updated_at),
                %s
            """.formatted(ItemStatus.OPEN, ItemStatus.REOPEN_RETRYING);


    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final Clock clock;
    private final IdProtection ids;

    ReconciliationItems(JdbcTemplate jdbc, Clock clock, IdProtection ids) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.clock = clock;
        this.ids = ids;
    }

    /** Files each item: a new one as written, one filed before (the same dedupe key) as seen once more. */
    public void file(List<NewItem> items) {
        fileAll(items.stream().map(i -> new Filing(dedupeKey(i.sourceId(), i.stage(), i.reasonCode(), i.identity()),
                i.runId(), i.message(), () -> i)).toList());
    }

    /**
     * An item to file, known by its dedupe key; the rest of it (the payload written out, the ID
     * number encrypted) is made only when it is new.
     */
    private record Filing(String dedupeKey, Long runId, String message, Supplier<NewItem> item) {
    }

    /**
     * Items filed before (nothing is ever deleted from the table) are seen again: their count, run,
     * message and time move on, and nothing else of them is sent. A re-read meets every record it
     * quarantined again; writing out, encrypting and sending each one's payload and ID number only
     * for the upsert to throw them away would be most of the work of filing them.
     * New ones, or one another transaction filed meanwhile, go through the upsert.
     */
    private void fileAll(List<Filing> filings) {
        if (filings.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(Instant.now(clock));
        Set<String> filed = new HashSet<>();
        named.query("SELECT dedupe_key FROM reconciliation_item WHERE dedupe_key IN (:keys)",
                new MapSqlParameterSource("keys", StatementShapes.padded(filings.stream().map(Filing::dedupeKey).toList())),
                rs -> {
                    filed.add(rs.getString(1));
                });
        List<Filing> again = filings.stream().filter(f -> filed.contains(f.dedupeKey())).toList();
        if (!again.isEmpty()) {
            jdbc.batchUpdate(SEEN_AGAIN, again, again.size(), (ps, f) -> {
                ps.setObject(1, f.runId());
                ps.setString(2, message(f.message()));
                ps.setTimestamp(3, now);
                ps.setString(4, f.dedupeKey());
            });
        }
        List<Filing> fresh = filings.stream().filter(f -> !filed.contains(f.dedupeKey())).toList();
        if (fresh.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(UPSERT, fresh, fresh.size(), (ps, f) -> {
            NewItem item = f.item().get();
            ps.setString(1, f.dedupeKey());
            ps.setString(2, item.sourceId());
            ps.setObject(3, item.runId());
            ps.setString(4, item.stage().name());
            ps.setString(5, item.reasonCode());
            ps.setString(6, message(item.message()));
            ps.setString(7, cut(item.sourceRecordId(), 64));
            ps.setString(8, item.completionKey());
            ps.setString(9, ids.hashAsTyped(item.idNumber()));
            ps.setString(10, ids.encrypt(cut(item.idNumber(), 64)));
            ps.setString(11, ids.encrypt(cut(item.rawPayload(), RAW_LIMIT)));
            ps.setTimestamp(12, now);
            ps.setTimestamp(13, now);
        });
    }

    /** What makes two filings one item: where it came from, at which stage, why, and which record or content. */
    private static String dedupeKey(String sourceId, Stage stage, String reasonCode, String identity) {
        return Hashes.sha256Hex(sourceId + '|' + stage + '|' + reasonCode + '|' + identity);
    }

    /** A message may quote what the platform sent (a parser's excerpt): nothing shaped like an ID number stays in clear. */
    private static String message(String message) {
        return cut(IdNumber.maskAny(message), 1000);
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
            jdbc.update("UPDATE reconciliation_item SET status = ?, updated_at = ? WHERE status = ? AND " + which,
                    ItemStatus.OPEN.name(), Timestamp.from(Instant.now(clock)), ItemStatus.RETRYING.name(), sourceId);
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
                "SELECT completion_key FROM reconciliation_item WHERE status = ? AND stage = ?", String.class,
                ItemStatus.RETRYING.name(), Stage.PUSH.name()));
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
        resolve(ItemStatus.WAITING + " AND stage = 'TALLY' AND source_id = ? AND source_record_id = ?",
                "the statement of " + date + " matches the province's when worked out again", sourceId, date.toString());
    }

    private void close(String which, String note, Object... args) {
        resolve("status = '" + ItemStatus.RETRYING + "' AND " + which, note, args);
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
            if (jdbc.update("UPDATE reconciliation_item SET status = ?, resolved_at = ?, updated_at = ? WHERE id = ? AND "
                    + ItemStatus.WAITING, ItemStatus.RESOLVED.name(), now, now, id) == 1) {
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
        fileAll(records.stream().map(r -> {
            Violation first = r.violations().get(0);
            String message = r.violations().stream().map(Violation::message).collect(Collectors.joining("; "));
            String identity = quarantineIdentity(r);
            return new Filing(dedupeKey(sourceId, first.code().stage(), first.code().name(), identity), runId, message,
                    () -> new NewItem(sourceId, runId, first.code().stage(), first.code().name(), message, r.sourceRecordId(),
                            null, r.rawIdNumber(), r.rawPayload(), identity));
        }).toList());
    }

    /**
     * A record still refused for the same reason is the same item however often it comes (a
     * re-send changes only its timestamp); a record without an id is known by its content.
     */
    private static String quarantineIdentity(MappedRecord r) {
        return r.sourceRecordId() != null ? "record " + r.sourceRecordId() : "raw " + Hashes.sha256Hex(r.rawPayload());
    }

    static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        String marker = "…[cut]";
        return text.substring(0, max - marker.length()) + marker;
    }

    /** An item as support's retry needs it: its raw record decrypted. */
    public record Filed(long id, String sourceId, String stage, String status, String rawPayload, String completionKey,
                        String sourceRecordId) {
    }

    /** The items of these ids that exist, by id. */
    public java.util.Map<Long, Filed> find(java.util.Collection<Long> itemIds) {
        java.util.Map<Long, Filed> found = new java.util.HashMap<>();
        if (itemIds.isEmpty()) {
            return found;
        }
        named.query("""
                SELECT id, source_id, stage, status, raw_payload, completion_key, source_record_id
                FROM reconciliation_item WHERE id IN (:ids)
                """, java.util.Map.of("ids", itemIds), rs -> {
            found.put(rs.getLong(1), new Filed(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    ids.decrypt(rs.getString(5)), rs.getString(6), rs.getString(7)));
        });
        return found;
    }

    /** An item's status now. */
    public String status(long id) {
        return jdbc.queryForObject("SELECT status FROM reconciliation_item WHERE id = ?", String.class, id);
    }

    /** A retry that could not help: the item stays as it is, saying why (cut to the column's 1000 characters). */
    public void stillOpen(long id, String why) {
        jdbc.update("UPDATE reconciliation_item SET message = ?, updated_at = ? WHERE id = ?",
                why.length() > 1000 ? why.substring(0, 1000) : why, Timestamp.from(Instant.now(clock)), id);
    }

    /** Items support still has to act on (OPEN, or RETRYING: a retry under way). */
    public int countWaiting() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM reconciliation_item WHERE " + ItemStatus.WAITING, Integer.class);
    }

    /** Of those, how many per reason code, the most frequent first. */
    public java.util.Map<String, Long> waitingByReason() {
        java.util.Map<String, Long> counts = new java.util.LinkedHashMap<>();
        jdbc.query("""
                SELECT reason_code, COUNT(*) AS n FROM reconciliation_item WHERE %s
                GROUP BY reason_code ORDER BY n DESC, reason_code
                """.formatted(ItemStatus.WAITING), rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        });
        return counts;
    }

    /** What kept a person's records out or back, oldest first (the trace's problems); {@code idHash} keys the person. */
    public <T> List<T> ofPerson(String idHash, org.springframework.jdbc.core.RowMapper<T> rows) {
        return jdbc.query("""
                SELECT id, source_id, stage, reason_code, status, message, source_record_id, created_at
                FROM reconciliation_item WHERE id_hash = ? ORDER BY id
                """, rows, idHash);
    }

    /** The columns of an item as the queue shows it; {@link #one} adds raw_payload. */
    private static final String ITEM_COLUMNS = """
            id, source_id, run_id, stage, reason_code, message, source_record_id, completion_key, id_cipher,
            status, attempts, occurrences, created_at, updated_at, resolved_at""";

    /**
     * A filter of the queue: each part that is not null must match (codes upper-cased, the source
     * id as given); {@code idHash} keys a person; created in [from, to).
     */
    public record Query(String status, String stage, String sourceId, String reasonCode, String idHash, Timestamp from,
                        Timestamp to) {

        private String where(List<Object> args) {
            StringBuilder where = new StringBuilder(" WHERE 1 = 1");
            equal(where, args, "status", status == null ? null : status.strip().toUpperCase(java.util.Locale.ROOT));
            equal(where, args, "stage", stage == null ? null : stage.strip().toUpperCase(java.util.Locale.ROOT));
            equal(where, args, "source_id", sourceId == null ? null : sourceId.strip());
            equal(where, args, "reason_code", reasonCode == null ? null : reasonCode.strip().toUpperCase(java.util.Locale.ROOT));
            equal(where, args, "id_hash", idHash);
            if (from != null) {
                where.append(" AND created_at >= ?");
                args.add(from);
            }
            if (to != null) {
                where.append(" AND created_at < ?");
                args.add(to);
            }
            return where.toString();
        }

        private static void equal(StringBuilder where, List<Object> args, String column, String value) {
            if (value != null && !value.isEmpty()) {
                where.append(" AND ").append(column).append(" = ?");
                args.add(value);
            }
        }
    }

    /** How many items the query matches. */
    public int count(Query query) {
        List<Object> args = new java.util.ArrayList<>();
        return jdbc.queryForObject("SELECT COUNT(*) FROM reconciliation_item" + query.where(args), Integer.class, args.toArray());
    }

    /** The items the query matches, newest first, {@code limit} from {@code offset}, without their raw records. */
    public <T> List<T> page(Query query, int limit, int offset, org.springframework.jdbc.core.RowMapper<T> rows) {
        List<Object> args = new java.util.ArrayList<>();
        String where = query.where(args);
        args.add(limit);
        args.add(offset);
        return jdbc.query("SELECT " + ITEM_COLUMNS + " FROM reconciliation_item" + where + " ORDER BY id DESC LIMIT ? OFFSET ?",
                rows, args.toArray());
    }

    /** One item with its raw record (raw_payload, encrypted as stored), if it exists. */
    public <T> java.util.Optional<T> one(long id, org.springframework.jdbc.core.RowMapper<T> rows) {
        return jdbc.query("SELECT " + ITEM_COLUMNS + ", raw_payload FROM reconciliation_item WHERE id = ?", rows, id)
                .stream().findFirst();
    }
}
