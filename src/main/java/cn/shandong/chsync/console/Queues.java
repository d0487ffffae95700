package cn.shandong.chsync.console;

import cn.shandong.chsync.push.OutboxRepository;
import cn.shandong.chsync.reconcile.ReconciliationItems;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What waits, counted for the dashboard: outbox rows per status and open reconciliation items
 * per reason. The API has only the totals (the gauges); the console shows the split.
 */
@Component
class Queues {

    /** In the order a row passes through them, so the chart reads left to right as the outbox works. */


    private final OutboxRepository outbox;
    private final ReconciliationItems items;

    Queues(OutboxRepository outbox, ReconciliationItems items) {
        this.outbox = outbox;
        this.items = items;
    }

    /** Completions by where they stand in the outbox, every status named (see OutboxRepository#countByStatus). */
    Map<String, Long> outboxByStatus() {
        Map<String, Long> counts = new LinkedHashMap<>();
        outbox.countByStatus().forEach((status, n) -> counts.put(status.name(), n));
        return counts;
    }

    /** Items support still has to act on (OPEN, or RETRYING: a retry under way), most frequent reason first. */
    Map<String, Long> openItemsByReason() {
        return items.waitingByReason();
    }
}
