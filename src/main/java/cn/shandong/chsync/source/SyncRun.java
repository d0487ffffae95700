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

    SyncRun(long id, String sourceId, String leaseOwner, Checkpoint checkpoint) {
        this.id = id;
        this.sourceId = sourceId;
        this.leaseOwner = leaseOwner;
        this.checkpoint = checkpoint;
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

    int pages() {
        return pages;
    }

    /** A page was committed: the checkpoint it stored is where the run goes on from. */
    void pageCommitted(Checkpoint next, Counts counts) {
        checkpoint = next;
        pages++;
        fetched += counts.fetched();
    }

    int fetched() {
        return fetched;
    }

    /**
     * Remembers which records a page held; true when they are exactly the previous page's, the
     * sign of a platform that ignores the page asked for and would be paged forever.
     */
    boolean repeatsPreviousPage(String records) {
        boolean repeated = !records.isEmpty() && records.equals(lastPageRecords);
        lastPageRecords = records;
        return repeated;
    }
}
