package cn.shandong.chsync.console;

import cn.shandong.chsync.push.OutboxRepository;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What waits, counted for the dashboard: outbox rows per status and open reconciliation items
 * per reason. The API has only the totals (the gauges); the console shows the split.
 */
@Component
class Queues {

    /** In the order a row passes through them, so the chart reads left to right as the outbox works. */

    private final JdbcTemplate jdbc;

    private final OutboxRepository outbox;

    Queues(JdbcTemplate jdbc, OutboxRepository outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    /** Completions by where they stand in the outbox, every status named (see OutboxRepository#countByStatus). */
    Map<String, Long> outboxByStatus() {
        Map<String, Long> counts = new LinkedHashMap<>();
        outbox.countByStatus().forEach((status, n) -> counts.put(status.name(), n));
        return counts;
    }

    /** Items support still has to act on (OPEN, or RETRYING: a retry under way), most frequent reason first. */
    Map<String, Long> openItemsByReason() {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.query("""
                SELECT reason_code, COUNT(*) AS n FROM reconciliation_item WHERE status IN ('OPEN', 'RETRYING')
                GROUP BY reason_code ORDER BY n DESC, reason_code
                """, rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        });
        return counts;
    }
}
