package cn.shandong.chsync.pull;

import cn.shandong.chsync.mapping.MappedRecord;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * When a page read is committed. A page of a pass, not its last, need not be a transaction of its
 * own while the run committed less than sync.pull.held-pages-commit-every ago: a small one (its
 * records, with those held before it, fewer than sync.pull.commit-records) is held as read and
 * stored with the next pages; one that changes nothing is kept as counted. Either waits only
 * while the answers of the pages waiting stay under sync.pull.held-pages-max-bytes: an unusable
 * record is kept with its item, to be filed with it, and pages of a megabyte a record would
 * otherwise pile up in memory until the run ends. A run that breaks meanwhile resumes from the
 * last committed checkpoint and reads those pages again.
 */
@Component
class PageCommitPolicy {

    private final long heldPagesCommitEvery;
    private final int commitRecords;
    private final long heldPagesMaxBytes;

    PageCommitPolicy(@Value("${sync.pull.held-pages-commit-every}") Duration heldPagesCommitEvery,
                     @Value("${sync.pull.commit-records}") int commitRecords,
                     @Value("${sync.pull.held-pages-max-bytes}") long heldPagesMaxBytes) {
        this.heldPagesCommitEvery = heldPagesCommitEvery.toNanos();
        this.commitRecords = commitRecords;
        this.heldPagesMaxBytes = heldPagesMaxBytes;
    }

    /** Whether pages read may wait to be committed with a later one. {@code after} null: records not from paging. */
    boolean mayWait(SyncRun run, Checkpoint after) {
        return after != null && after.inPass() && run.sinceStored() < heldPagesCommitEvery
                && run.uncommitted().bytes + run.pageBytes() < heldPagesMaxBytes;
    }

    /**
     * Whether a page is held as read: it may wait, and is small. A platform that serves a file a
     * day, a few dozen records each, commits a transaction per thousand records, not one per day.
     */
    boolean holds(SyncRun run, List<MappedRecord> items, Checkpoint after) {
        return mayWait(run, after) && run.uncommitted().heldRecords() + items.size() < commitRecords;
    }
}
