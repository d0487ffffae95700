package cn.shandong.chsync.source;

import cn.shandong.chsync.dedupe.PagePlan.Counts;

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

    SyncRun(long id, String sourceId, String leaseOwner, Checkpoint checkpoint, boolean nothingLinked) {
        this.id = id;
        this.sourceId = sourceId;
        this.leaseOwner = leaseOwner;
        this.checkpoint = checkpoint;
        this.nothingLinked = nothingLinked;
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
