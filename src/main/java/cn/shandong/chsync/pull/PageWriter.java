package cn.shandong.chsync.pull;

import cn.shandong.chsync.dedupe.PagePlan;
import cn.shandong.chsync.dedupe.PagePlan.RecordWrite;
import cn.shandong.chsync.dedupe.RecordKeys;
import cn.shandong.chsync.push.LeaseEntries;
import cn.shandong.chsync.push.OutboxRepository;
import cn.shandong.chsync.push.PushHandoff;
import cn.shandong.chsync.record.CreditRecordRepository;
import cn.shandong.chsync.record.LineageRepository;
import cn.shandong.chsync.sql.BulkInsert;
import cn.shandong.chsync.sql.CommitAgainException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes a classified page, inside its transaction: the canonical records, their lineage, and what
 * the page pushes (outbox rows, or the lease that stands for the completions it hands over).
 * Duplicates are kept out by UNIQUE keys; what the inserts keep out decides what is a duplicate.
 */
@Component
class PageWriter {

    private final CreditRecordRepository records;
    private final LineageRepository lineage;
    private final OutboxRepository outbox;
    private final PushHandoff handoff;
    private final BulkInsert bulk;

    PageWriter(CreditRecordRepository records, LineageRepository lineage, OutboxRepository outbox, PushHandoff handoff,
               BulkInsert bulk) {
        this.records = records;
        this.lineage = lineage;
        this.outbox = outbox;
        this.handoff = handoff;
        this.bulk = bulk;
    }

    /** Whether the inserts name the completions they keep out, so that another source's need not be read first. */
    boolean insertsNameKeptOut(int rows) {
        return bulk.namesKeptOut(rows);
    }

    void write(SyncRun run, PagePlan plan, Timestamp now, RecordKeys page) {
        // Bound as LocalDateTime: the driver writes a Timestamp through a new SimpleDateFormat each time.
        LocalDateTime at = now.toLocalDateTime();
        writeRecords(run, plan, at, page);
        lineage.write(run, plan.lineageInserts(), plan.lineageUpdates(), at);
        writeOutbox(plan, now, page);
    }

    private void writeRecords(SyncRun run, PagePlan plan, LocalDateTime at, RecordKeys page) {
        List<RecordWrite> inserts = new ArrayList<>(plan.recordInserts());
        // One global order of keys, so two sources inserting overlapping completions at once
        // take the index locks in the same order instead of deadlocking.
        inserts.sort(Comparator.comparing(RecordWrite::completionKey));
        BulkInsert.Inserted inserted = records.insert(inserts, at, page);
        if (inserted.rows() < inserts.size()) {
            // The insert kept out rows whose keys another source holds: ours are its duplicates.
            Set<String> keptOut = keptOut(inserts, inserted.keptOut());
            Map<String, String> owners = records.owners(keptOut);
            for (RecordWrite w : inserts) {
                if (!keptOut.contains(w.completionKey())) {
                    continue;
                }
                String owner = owners.get(w.completionKey());
                if (owner == null) {
                    // Kept out, yet no row holds its key: not a duplicate, and demoting it would lose the completion.
                    throw new CommitAgainException("credit_record kept out a row of source " + run.sourceId()
                            + " (record " + w.record().sourceRecordId() + ") that no row's key holds");
                }
                if (!(run.sourceId() + '|' + w.record().sourceRecordId()).equals(owner)) {
                    plan.demoteToDuplicate(w.completionKey());
                }
            }
        }
        records.update(new ArrayList<>(plan.recordUpdates()), at);
    }

    /**
     * The completion keys an insert of records kept out: those the database named, when it named
     * each and each is one of the page's; else every key of the page, any of which may be one.
     * Where loads name them, another source's completions are found so instead of being read
     * before the insert (see StoredState.held).
     */
    private static Set<String> keptOut(List<RecordWrite> inserts, List<String> named) {
        Set<String> all = new HashSet<>();
        inserts.forEach(w -> all.add(w.completionKey()));
        return named != null && all.containsAll(named) ? new HashSet<>(named) : all;
    }

    /**
     * The outbox rows of what the page pushes. Its new completions, when this instance's push loops
     * have room for them, get no outbox row yet: one lease row stands for them until the province
     * has answered (see PushHandoff), and they are handed to the loops once the page has committed.
     * The rest are written due now.
     */
    private void writeOutbox(PagePlan plan, Timestamp now, RecordKeys page) {
        List<RecordWrite> toPush = new ArrayList<>(plan.toPush());
        if (toPush.isEmpty()) {
            return;
        }
        LocalDateTime at = now.toLocalDateTime();
        List<RecordWrite> fresh = new ArrayList<>(plan.recordInserts());
        Handover handover = handover(fresh.size(), now);
        if (handover != null) {
            Set<String> handed = new HashSet<>();
            fresh.forEach(w -> handed.add(w.completionKey()));
            toPush.removeIf(w -> handed.contains(w.completionKey()));
            StringBuilder entries = new StringBuilder(fresh.size() * 68);
            fresh.forEach(w -> LeaseEntries.append(entries, w.completionKey(), w.revision()));
            outbox.writeLease(handover.lease.token(), at, handover.lease.until(), fresh.size(), entries.toString());
            for (RecordWrite w : fresh) {
                handover.rows.add(new PushHandoff.HandedCompletion(w.completionKey(), w.revision(), page.provinceKey(w.record()),
                        w.record(), handover.lease.token(), now.toInstant(), handover.lease.until()));
            }
        }
        toPush.sort(Comparator.comparing(RecordWrite::completionKey));
        outbox.queue(toPush.stream().map(w -> new OutboxRepository.Revision(w.completionKey(), w.revision(),
                "source " + w.record().sourceId() + " (record " + w.record().sourceRecordId() + ")")).toList(), at);
    }

    /** Room the push loops gave a page's new completions, and the rows to hand them when it commits. */
    private record Handover(PushHandoff.Lease lease, List<PushHandoff.HandedCompletion> rows) {
    }

    /**
     * Room for {@code rows} new completions with this instance's push loops, handed over when the
     * page's transaction commits and given back when it rolls back; null when there is none.
     */
    private Handover handover(int rows, Timestamp now) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        PushHandoff.Lease lease = handoff.reserve(rows, now.toInstant());
        if (lease == null) {
            return null;
        }
        Handover handover = new Handover(lease, new ArrayList<>(rows));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status == STATUS_COMMITTED) {
                    handoff.handOver(lease, handover.rows);
                } else {
                    handoff.release(lease);
                }
            }
        });
        return handover;
    }
}
