package cn.shandong.chsync.reconcile;

import cn.shandong.chsync.dedupe.PagePlan.Counts;
import cn.shandong.chsync.mapping.MappedRecord;
import cn.shandong.chsync.pull.PageStore;
import cn.shandong.chsync.pull.RunStatus;
import cn.shandong.chsync.pull.RunTrigger;
import cn.shandong.chsync.pull.SourceCatalog;
import cn.shandong.chsync.pull.SyncRun;
import cn.shandong.chsync.pull.SyncRuns;
import cn.shandong.chsync.reconcile.ReconciliationItems.Filed;
import cn.shandong.chsync.record.Violation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Support's retry of reconciliation items, by the stage they were raised at:
 * <ul>
 * <li>MAP, VALIDATE: the raw record is mapped again with the source's current mapping and
 *     validated again; taken, it is stored as a fetched record would be (in a run of trigger
 *     RETRY) and the item is resolved; still refused, it stays open with the current reason.</li>
 * <li>PUSH: the outbox row goes back to the queue with its attempts reset and the record's
 *     current content; the item is RETRYING until the province takes it (then resolved).</li>
 * <li>FETCH, PARSE: a sync of the source is started; the item is RETRYING until a run of the
 *     source reads it to the end (resolved) or fails (open again).</li>
 * <li>TALLY: the day's statement is worked out again; it is resolved if it now adds up.</li>
 * </ul>
 * Every retry is recorded as an action with who and why.
 */
@Component
public class Retries {

    /** What became of one item: RESOLVED, RETRYING (under way), STILL_OPEN (refused again) or SKIPPED. */
    public record Outcome(long id, String outcome, String message) {
    }


    private final SyncRuns runs;
    private final SourceCatalog catalog;
    private final PageStore store;
    private final ReconciliationActions actions;
    private final DailyTally tally;
    private final ProducerTemplate camel;
    private final ObjectMapper json;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final cn.shandong.chsync.push.OutboxRepository outbox;
    private final ReconciliationItems items;

    Retries(SyncRuns runs, SourceCatalog catalog, PageStore store, ReconciliationActions actions,
            DailyTally tally, ProducerTemplate camel, ObjectMapper json, Clock clock, PlatformTransactionManager transactions,
            cn.shandong.chsync.push.OutboxRepository outbox, ReconciliationItems items) {
        this.outbox = outbox;
        this.items = items;
        this.tx = new TransactionTemplate(transactions);
        this.runs = runs;
        this.catalog = catalog;
        this.store = store;
        this.actions = actions;
        this.tally = tally;
        this.camel = camel;
        this.json = json;
        this.clock = clock;
    }

    /** Retries the items in the order given; an unknown id is answered SKIPPED. */
    public List<Outcome> retry(List<Long> ids, String actor, String note) {
        Map<Long, Outcome> outcomes = new LinkedHashMap<>();
        Map<String, List<Filed>> records = new LinkedHashMap<>();
        Map<Long, Filed> found = items.find(ids);
        // an id given twice is retried once
        for (long id : new java.util.LinkedHashSet<>(ids)) {
            if (!found.containsKey(id)) {
                outcomes.put(id, new Outcome(id, "SKIPPED", "no reconciliation item " + id));
                continue;
            }
            Filed item = found.get(id);
            if (!item.status().equals(ItemStatus.OPEN.name())) {
                outcomes.put(id, new Outcome(id, "SKIPPED", "the item is " + item.status() + ", not OPEN"));
                continue;
            }
            switch (item.stage()) {
                case "MAP", "VALIDATE" -> records.computeIfAbsent(item.sourceId(), s -> new ArrayList<>()).add(item);
                case "PUSH" -> outcomes.put(id, repush(item, actor, note));
                case "FETCH", "PARSE" -> outcomes.put(id, resync(item, actor, note));
                case "TALLY" -> outcomes.put(id, retally(item, actor, note));
                default -> outcomes.put(id, new Outcome(id, "SKIPPED", "stage " + item.stage() + " cannot be retried"));
            }
        }
        records.forEach((source, items) -> remap(source, items, actor, note).forEach(o -> outcomes.put(o.id(), o)));
        return ids.stream().distinct().map(outcomes::get).toList();
    }

    private List<Outcome> remap(String sourceId, List<Filed> items, String actor, String note) {
        if (catalog.find(sourceId).isEmpty()) {
            return items.stream().map(i -> new Outcome(i.id(), "SKIPPED", "source " + sourceId + " is no longer configured")).toList();
        }
        Optional<SyncRun> begun = runs.begin(sourceId, RunTrigger.RETRY);
        if (begun.isEmpty()) {
            return items.stream().map(i -> new Outcome(i.id(), "SKIPPED",
                    "source " + sourceId + " is paused or syncing: retry when its run has ended")).toList();
        }
        SyncRun run = begun.get();
        List<Outcome> outcomes = new ArrayList<>();
        try {
            List<MappedRecord> taken = new ArrayList<>();
            List<Filed> takenItems = new ArrayList<>();
            for (Filed item : items) {
                MappedRecord mapped = map(sourceId, item);
                if (mapped == null) {
                    outcomes.add(stillOpen(item, "the raw record kept for it is not whole JSON (cut, or not a record)",
                            actor, note));
                } else if (!mapped.valid()) {
                    String why = mapped.violations().stream().map(v -> v.code() + ": " + v.message())
                            .collect(Collectors.joining("; "));
                    outcomes.add(stillOpen(item, "still refused by the current mapping and rules: " + why, actor, note));
                } else {
                    taken.add(mapped);
                    takenItems.add(item);
                }
            }
            if (!taken.isEmpty()) {
                Counts counts = store.store(run, taken, null, null);
                String how = "taken on retry in run " + run.id() + " (" + counts.newRecords() + " new, " + counts.revisions()
                        + " revised, " + (counts.replays() + counts.crossSourceDuplicates()) + " already held)";
                for (Filed item : takenItems) {
                    actions.retried(item.id(), ItemStatus.RESOLVED, actor, note == null ? how : note + " — " + how);
                    outcomes.add(new Outcome(item.id(), ItemStatus.RESOLVED.name(), how));
                }
            }
            runs.close(run, RunStatus.SUCCEEDED, null);
        } catch (RuntimeException e) {
            runs.close(run, RunStatus.FAILED, "retry of quarantined records failed: " + e.getMessage());
            throw e;
        }
        return outcomes;
    }

    private MappedRecord map(String sourceId, Filed item) {
        if (item.rawPayload() == null) {
            return null;
        }
        try {
            JsonNode node = json.readTree(item.rawPayload());
            return node != null && node.isObject() ? catalog.mapper(sourceId).map(node) : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private Outcome stillOpen(Filed item, String why, String actor, String note) {
        items.stillOpen(item.id(), why);
        actions.retried(item.id(), ItemStatus.OPEN, actor, note == null ? why : note + " — " + why);
        return new Outcome(item.id(), "STILL_OPEN", why);
    }

    /** In one transaction with the item's RETRYING, so the push that settles the row finds the item retrying. */
    private Outcome repush(Filed item, String actor, String note) {
        return tx.execute(status -> {
            Outcome outcome = requeue(item, actor, note);
            if (!outcome.outcome().equals(ItemStatus.RETRYING.name())) {
                status.setRollbackOnly();
            }
            return outcome;
        });
    }

    private Outcome requeue(Filed item, String actor, String note) {
        actions.retried(item.id(), ItemStatus.RETRYING, actor, note == null ? "pushed again" : note);
        boolean queued = item.completionKey() != null && outbox.requeueRefused(item.completionKey(), now());
        if (!queued) {
            return new Outcome(item.id(), "SKIPPED", "nothing to push again: the record's current revision is not refused or failed");
        }
        return new Outcome(item.id(), ItemStatus.RETRYING.name(), "queued for the provincial platform again");
    }

    private Outcome resync(Filed item, String actor, String note) {
        actions.retried(item.id(), ItemStatus.RETRYING, actor, note == null ? "source synced again" : note);
        Optional<SyncRun> run = runs.begin(item.sourceId(), RunTrigger.RETRY);
        run.ifPresent(r -> camel.asyncSend("direct:pull-" + item.sourceId(), exchange -> exchange.setProperty(SyncRuns.RUN, r)));
        return new Outcome(item.id(), ItemStatus.RETRYING.name(), run.map(r -> "run " + r.id() + " reads the source again")
                .orElse("the source's run under way settles it"));
    }

    private Outcome retally(Filed item, String actor, String note) {
        LocalDate date = LocalDate.parse(item.sourceRecordId());
        actions.retried(item.id(), ItemStatus.RETRYING, actor, note == null ? "statement worked out again" : note);
        tally.run(date);
        String status = items.status(item.id());
        return status.equals(ItemStatus.RESOLVED.name()) ? new Outcome(item.id(), ItemStatus.RESOLVED.name(), "the statement of " + date + " adds up now")
                : new Outcome(item.id(), "STILL_OPEN", "the statement of " + date + " still differs from the province's");
    }

    private Timestamp now() {
        return Timestamp.from(Instant.now(clock));
    }
}
