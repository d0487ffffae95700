package cn.shandong.chsync.source;

import cn.shandong.chsync.dedupe.PagePlan.Counts;
import cn.shandong.chsync.mapping.MappedRecord;
import java.util.ArrayList;
import java.util.List;

/** A sync in progress, carried through the pull route as the exchange property "syncRun". */
public final class SyncRun {

    private final long id;
    private final String sourceId;
    private final String leaseOwner;
    private Checkpoint checkpoint;
    private int pages;
    private int fetched;
    private String lastPageRecords;
    private boolean nothingLinked;
    private Checkpoint stored;
    private long storedAt = System.nanoTime();
    private final Unstored unstored = new Unstored();

    SyncRun(long id, String sourceId, String leaseOwner, Checkpoint checkpoint, boolean nothingLinked) {
        this.id = id;
        this.sourceId = sourceId;
        this.leaseOwner = leaseOwner;
        this.checkpoint = checkpoint;
        this.stored = checkpoint;
        this.nothingLinked = nothingLinked;
    }

    /**
     * Pages read and kept from the database for now, because they changed nothing there (every
     * record known as it was, or unusable): their counts, their unusable records, and the
     * platform's total, committed with the next page that is.
     */
    static final class Unstored {
        int pages;
        Counts counts = Counts.NONE;
        final List<MappedRecord> quarantined = new ArrayList<>();
        Long total;
    }

    public long id() {
        return id;
    }

    public String sourceId() {
        return sourceId;
    }

    String leaseOwner() {
        return leaseOwner;
    }

    Checkpoint checkpoint() {
        return checkpoint;
    }

    /**
     * True while no source key of the run's source can be linked yet: none was when the run began
     * (a platform's first load), and no record of the run has turned up a second time since.
     */
    boolean nothingLinked() {
        return nothingLinked;
    }

    /** A record of the run turned up a second time: from now on each page reads what is linked. */
    void somethingLinked() {
        nothingLinked = false;
    }

    int pages() {
        return pages;
    }

    /** The checkpoint the database holds for the run: where another run would resume. */
    Checkpoint storedCheckpoint() {
        return stored;
    }

    /** Nanoseconds (System.nanoTime) since the run last committed a page, or began. */
    long sinceStored() {
        return System.nanoTime() - storedAt;
    }

    Unstored unstored() {
        return unstored;
    }

    /** A page that changed nothing is kept from the database until the next page is committed. */
    void keepUnstored(Counts counts, List<MappedRecord> quarantined, Long total) {
        unstored.pages++;
        unstored.counts = unstored.counts.plus(counts);
        unstored.quarantined.addAll(quarantined);
        if (total != null) {
            unstored.total = total;
        }
    }

    /** A page was committed with the ones kept before it, and its checkpoint (null: none). */
    void stored(Checkpoint checkpoint) {
        if (checkpoint != null) {
            stored = checkpoint;
        }
        storedAt = System.nanoTime();
        unstored.pages = 0;
        unstored.counts = Counts.NONE;
        unstored.quarantined.clear();
        unstored.total = null;
    }

    /** A page was committed: the checkpoint it stored is where the run goes on from. */
    void pageCommitted(Checkpoint next, Counts counts, String records) {
        checkpoint = next;
        lastPageRecords = records;
        pages++;
        fetched += counts.fetched();
    }

    int fetched() {
        return fetched;
    }

    /**
     * True when a page holds exactly the records of the last committed page, the sign of a
     * platform that ignores the page asked for and would be paged forever. Compared with the
     * committed page, not the last one read, so the same page read again after a failed commit
     * is not mistaken for a repeat.
     */
    boolean repeatsPreviousPage(String records) {
        return !records.isEmpty() && records.equals(lastPageRecords);
    }
}
