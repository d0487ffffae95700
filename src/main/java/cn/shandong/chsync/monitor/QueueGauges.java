package cn.shandong.chsync.monitor;

import cn.shandong.chsync.push.OutboxRepository;
import cn.shandong.chsync.reconcile.ReconciliationItems;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** What waits, as gauges read from the database at scrape time (by an index, or of a table of a few rows). */
@Component
class QueueGauges {

    QueueGauges(OutboxRepository outbox, MeterRegistry meters, ReconciliationItems items) {
        // with the completions pages handed to the push loops, which have no outbox row until answered
        Gauge.builder("chsync.outbox.pending", () -> count(outbox::countWaiting))
                .description("completions waiting to reach the provincial platform").register(meters);
        Gauge.builder("chsync.reconciliation.open", () -> count(items::countWaiting))
                .description("reconciliation items waiting for support").register(meters);
    }

    private static double count(java.util.function.Supplier<Integer> count) {
        try {
            Integer n = count.get();
            return n == null ? Double.NaN : n;
        } catch (RuntimeException e) {
            // The database is away: the gauge has no value rather than a false one.
            return Double.NaN;
        }
    }
}
