package cn.shandong.chsync.reconcile;

import cn.shandong.chsync.dedupe.Hashes;
import cn.shandong.chsync.mapping.MappedRecord;
import cn.shandong.chsync.record.Violation;
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
                source_record_id, completion_key, id_number, raw_payload, status, attempts, occurrences,
                created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', 0, 1, ?, ?)
            ON DUPLICATE KEY UPDATE occurrences = occurrences + 1, run_id = VALUES(run_id),
                message = VALUES(message), updated_at = VALUES(updated_at)
            """;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    ReconciliationItems(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
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
            ps.setString(6, cut(item.message(), 1000));
            ps.setString(7, cut(item.sourceRecordId(), 64));
            ps.setString(8, item.completionKey());
            ps.setString(9, cut(item.idNumber(), 64));
            ps.setString(10, cut(item.rawPayload(), RAW_LIMIT));
            ps.setTimestamp(11, now);
            ps.setTimestamp(12, now);
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
