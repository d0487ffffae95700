package cn.shandong.chsync.pull;

import cn.shandong.chsync.cluster.SourceLease;
import cn.shandong.chsync.dedupe.PageClassifier;
import cn.shandong.chsync.dedupe.PageClassifier.StoredCopy;
import cn.shandong.chsync.dedupe.PagePlan;
import cn.shandong.chsync.dedupe.PagePlan.Counts;
import cn.shandong.chsync.dedupe.RecordKeys;
import cn.shandong.chsync.mapping.MappedRecord;
import cn.shandong.chsync.reconcile.ReconciliationItems;
import cn.shandong.chsync.security.IdProtection;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Commits one page in one transaction: the canonical records, their lineage, the outbox rows
 * (or the lease that stands for them, see PushHandoff), the quarantined items, the cursor
 * checkpoint and the run's counters. A crash before the commit leaves the previous page's
 * checkpoint, so the page is fetched again and nothing is repeated. When a page is committed is
 * PageCommitPolicy's to say; what is stored already, StoredState's; the writing, PageWriter's.
 * A transaction rolled back on purpose (CommitAgainException) or by a deadlock is committed again
 * by the pull route's error rule.
 */
@Component
public class PageStore {

    private static final Logger log = LoggerFactory.getLogger(PageStore.class);

    private final PageCommitPolicy policy;
    private final StoredState stored;
    private final PageWriter writer;
    private final RunRecords runs;
    private final SourceLease sourceLease;
    private final ReconciliationItems reconciliation;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration lease;
    private final RecordKeys keys;

    PageStore(PageCommitPolicy policy, StoredState stored, PageWriter writer, RunRecords runs, SourceLease sourceLease,
              ReconciliationItems reconciliation, PlatformTransactionManager transactions, Clock clock,
              cn.shandong.chsync.SyncProperties properties, IdProtection ids) {
        this.policy = policy;
        this.stored = stored;
        this.writer = writer;
        this.runs = runs;
        this.sourceLease = sourceLease;
        this.reconciliation = reconciliation;
        this.tx = new TransactionTemplate(transactions);
        // Read committed: a completion another source committed a moment ago must be seen, not a snapshot.
        this.tx.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.clock = clock;
        this.lease = properties.sourceLease();
        this.keys = ids.recordKeys();
    }

    /**
     * Commits a page, with the pages held and kept before it, or holds or keeps it for the next.
     * {@code after} is the checkpoint to store with it (null for records that do not come from
     * paging, such as a retry of quarantined ones); {@code total} is what the platform says the
     * pass holds, when it says. Returns the counts of the pages classified now: none for a page
     * held, the held pages' with the page that ends their holding.
     */
    public Counts store(SyncRun run, List<MappedRecord> items, Checkpoint after, Long total) {
        if (policy.holds(run, items, after)) {
            run.hold(items, total);
            return Counts.NONE;
        }
        List<List<MappedRecord>> pages = run.uncommitted().heldAnd(items);
        if (run.nothingLinked()) {
            try {
                return store(run, pages, after, total, false);
            } catch (DuplicateKeyException e) {
                // A source key linked by an earlier page of this run (a record moved on in the platform's
                // order, or listed twice): the lineage's primary key refused it, and the page rolled back.
                log.info("run {} of {} met a record of an earlier page again: its pages read what is linked from now on",
                        run.id(), run.sourceId());
                run.somethingLinked();
            }
        }
        Counts kept = keepIfUnchanged(run, pages, after, total);
        return kept != null ? kept : store(run, pages, after, total, true);
    }

    /**
     * Pages (the held ones and the one just read) whose records are all known as they were (or
     * unusable) change nothing but the checkpoint and the run's counts. They are kept from the
     * database, read but not committed, until the next page that is (see PageCommitPolicy): a
     * re-read commits a page a second, not each of its pages. Null when the pages are to be committed.
     */
    private Counts keepIfUnchanged(SyncRun run, List<List<MappedRecord>> pages, Checkpoint after, Long total) {
        if (!policy.mayWait(run, after)) {
            return null;
        }
        RecordKeys page = RecordKeys.once(keys);
        // A valid record not linked yet always changes something (a lineage row at least), so which
        // completions are held need not be read to tell.
        PagePlan plan = PageClassifier.classifyPages(pages, stored.known(run, flat(pages), page), Set.of(), page);
        if (!plan.changesNothing()) {
            return null;
        }
        run.keepUncommitted(pages.size(), plan.counts(), plan.quarantined(), total);
        return plan.counts();
    }

    /**
     * {@code readLinked}: whether to read which of the pages' source keys are linked already. A run
     * whose source had nothing linked when it began need not, while none of its records turns up
     * twice: a repeat is refused by the lineage's primary key, and the pages are stored again reading.
     * On a platform's first load that spares a read of every record id, the page's largest.
     */
    private Counts store(SyncRun run, List<List<MappedRecord>> pages, Checkpoint after, Long total, boolean readLinked) {
        SyncRun.UncommittedPages kept = run.uncommitted();
        List<MappedRecord> items = flat(pages);
        Counts counts = tx.execute(status -> {
            Timestamp now = Timestamp.from(Instant.now(clock));
            sourceLease.renew(run, now, lease);
            RecordKeys page = RecordKeys.once(keys);
            Map<String, StoredCopy> known = readLinked ? stored.known(run, items, page) : Map.of();
            // Where the insert names the completions it keeps out, another source's are found by inserting them.
            Set<String> held = writer.insertsNameKeptOut(items.size()) ? Set.of() : stored.held(items, known, page);
            PagePlan plan = PageClassifier.classifyPages(pages, known, held, page);
            writer.write(run, plan, now, page);
            List<MappedRecord> quarantined = new ArrayList<>(kept.quarantined);
            quarantined.addAll(plan.quarantined());
            reconciliation.fileQuarantined(run.sourceId(), run.id(), quarantined);
            if (after != null) {
                runs.saveCheckpoint(run.sourceId(), after, now);
            }
            runs.addCounts(run.id(), pages.size() + kept.pages, plan.counts().plus(kept.counts), after,
                    total != null ? total : kept.total);
            return plan.counts();
        });
        run.stored(after);
        return counts;
    }

    private static List<MappedRecord> flat(List<List<MappedRecord>> pages) {
        if (pages.size() == 1) {
            return pages.get(0);
        }
        List<MappedRecord> items = new ArrayList<>();
        pages.forEach(items::addAll);
        return items;
    }
}
