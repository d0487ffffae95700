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
    static final List<String> OUTBOX_STATUSES = List.of("PENDING", "DONE", "REJECTED", "FAILED", "SUPERSEDED");

    private final JdbcTemplate jdbc;

    Queues(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Map<String, Long> outboxByStatus() {
        Map<String, Long> counts = new LinkedHashMap<>();
        OUTBOX_STATUSES.forEach(s -> counts.put(s, 0L));
        jdbc.query("SELECT status, COUNT(*) FROM push_outbox GROUP BY status",
                rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        // and the completions pages handed to the push loops, which have no outbox row until answered
        counts.merge("PENDING", jdbc.queryForObject(OutboxRepository.UNANSWERED_HANDED, Long.class), Long::sum);
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
