package cn.shandong.chsync.pull;

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
    private int unordered;
    private String lastPageRecords;
    private boolean nothingLinked;
    private Checkpoint stored;
    private long storedAt = System.nanoTime();
    private final UncommittedPages uncommitted = new UncommittedPages();
    /** The bytes of the answer of the page being stored. */
    private long pageBytes;
    /** When the run began here: its wall-time limit counts from this. */
    private final long startedNanos = System.nanoTime();

    SyncRun(long id, String sourceId, String leaseOwner, Checkpoint checkpoint, boolean nothingLinked) {
        this.id = id;
        this.sourceId = sourceId;
        this.leaseOwner = leaseOwner;
        this.checkpoint = checkpoint;
        this.stored = checkpoint;
        this.nothingLinked = nothingLinked;
    }

    /**
     * Pages read and not committed yet, committed with the run's next page that is. Two kinds: pages
     * classified already that changed nothing (every record known as it was, or unusable), kept as
     * their counts and unusable records; and small pages held as read, to be classified and stored
     * with the next ones. And the platform's total, as the last page that gave one said.
     */
    static final class UncommittedPages {
        int pages;
        Counts counts = Counts.NONE;
        final List<MappedRecord> quarantined = new ArrayList<>();
        final List<List<MappedRecord>> held = new ArrayList<>();
        Long total;
        /** The answers' bytes of these pages: what holding them costs in memory, in proportion. */
        long bytes;

        /** The records of the held pages. */
        int heldRecords() {
            return held.stream().mapToInt(List::size).sum();
        }

        /** The held pages and then {@code page}, in the order they were read. */
        List<List<MappedRecord>> heldAnd(List<MappedRecord> page) {
            List<List<MappedRecord>> pages = new ArrayList<>(held);
            pages.add(page);
            return pages;
        }
    }

    public long id() {
        return id;
    }

    public String sourceId() {
        return sourceId;
    }

    public String leaseOwner() {
        return leaseOwner;
    }

    Checkpoint checkpoint() {
        return checkpoint;
    }

    /**
     * True while no source key of the run's source can be linked yet: none was when the run began
     * (a platform's first load), and no record of the run has turned up a second time since.
     */
    public boolean nothingLinked() {
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

    UncommittedPages uncommitted() {
        return uncommitted;
    }

    /** A page's answer is in, {@code bytes} long: held or kept, it is counted against what may wait. */
    void pageRead(long bytes) {
        pageBytes = bytes;
    }

    /** The bytes of the page being stored. */
    long pageBytes() {
        return pageBytes;
    }

    /**
     * Pages that changed nothing (the held ones and the one just read, {@code pages} in all) are
     * kept from the database until the next page is committed.
     */
    void keepUncommitted(int pages, Counts counts, List<MappedRecord> quarantined, Long total) {
        uncommitted.pages += pages;
        uncommitted.counts = uncommitted.counts.plus(counts);
        uncommitted.quarantined.addAll(quarantined);
        uncommitted.held.clear();
        uncommitted.bytes += pageBytes;
        total(total);
    }

    /** A small page is held as read, to be classified and committed with the next one. */
    void hold(List<MappedRecord> page, Long total) {
        uncommitted.held.add(page);
        uncommitted.bytes += pageBytes;
        total(total);
    }

    private void total(Long total) {
        if (total != null) {
            uncommitted.total = total;
        }
    }

    /** A page was committed with the ones kept and held before it, and its checkpoint (null: none). */
    void stored(Checkpoint checkpoint) {
        if (checkpoint != null) {
            stored = checkpoint;
        }
        storedAt = System.nanoTime();
        uncommitted.pages = 0;
        uncommitted.counts = Counts.NONE;
        uncommitted.quarantined.clear();
        uncommitted.held.clear();
        uncommitted.total = null;
        uncommitted.bytes = 0;
    }

    /**
     * A page is done with (committed, or kept or held to be committed with a later one): the run
     * goes on from its checkpoint, and {@code counts} are those of the pages classified with it
     * (none while it is held).
     */
    void pageDone(Checkpoint next, Counts counts, String records) {
        checkpoint = next;
        lastPageRecords = records;
        pages++;
        fetched += counts.fetched();
        unordered += counts.unordered();
    }

    java.time.Duration elapsed() {
        return java.time.Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    int fetched() {
        return fetched;
    }

    /** Records whose copies in the pass conflicted with no update time to order them (see PageClassifier). */
    int unordered() {
        return unordered;
    }

    /**
     * True when a page holds exactly the records of the last page done with, as they were (see
     * PageIngest.contentOf), the sign of a
     * platform that ignores the page asked for and would be paged forever. Compared with the
     * last page done with, not the last one read, so the same page read again after a failed
     * commit is not mistaken for a repeat.
     */
    boolean repeatsPreviousPage(String records) {
        return !records.isEmpty() && records.equals(lastPageRecords);
    }
}
