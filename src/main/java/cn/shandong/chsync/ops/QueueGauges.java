package cn.shandong.chsync.ops;

import cn.shandong.chsync.push.OutboxRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** What waits, as gauges read from the database at scrape time (by an index, or of a table of a few rows). */
@Component
class QueueGauges {

    QueueGauges(JdbcTemplate jdbc, MeterRegistry meters) {
        // with the completions pages handed to the push loops, which have no outbox row until answered
        Gauge.builder("chsync.outbox.pending", () -> count(jdbc, OutboxRepository.WAITING))
                .description("completions waiting to reach the provincial platform").register(meters);
        Gauge.builder("chsync.reconciliation.open", () -> count(jdbc,
                        "SELECT COUNT(*) FROM reconciliation_item WHERE status IN ('OPEN', 'RETRYING')"))
                .description("reconciliation items waiting for support").register(meters);
    }

    private static double count(JdbcTemplate jdbc, String sql) {
        try {
            Integer n = jdbc.queryForObject(sql, Integer.class);
            return n == null ? Double.NaN : n;
        } catch (RuntimeException e) {
            // The database is away: the gauge has no value rather than a false one.
            return Double.NaN;
        }
    }
}
