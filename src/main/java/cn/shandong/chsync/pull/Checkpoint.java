package cn.shandong.chsync.pull;

import java.time.LocalDateTime;

/**
 * Where a source's next page starts, as stored in source_cursor. Between passes only
 * {@code since} (the high-water mark of the last finished pass) is set; during a pass,
 * {@code passSince} and {@code page} say which page of which query comes next (the page as its
 * {@link Pager} writes it: a number, an offset, a token, a date), and {@code passHighWater} the
 * newest updated-at seen so far in the pass.
 */
public record Checkpoint(LocalDateTime since, LocalDateTime passSince, String page, LocalDateTime passHighWater) {

    static final Checkpoint EMPTY = new Checkpoint(null, null, null, null);

    public boolean inPass() {
        return page != null;
    }

    /** The next page of the pass in progress. */
    public Checkpoint nextPage(String next, LocalDateTime highWater) {
        return new Checkpoint(since, passSince, next, highWater);
    }

    /** The pass is done: its high-water mark becomes where the next pass starts from. */
    public Checkpoint passFinished(LocalDateTime highWater) {
        return new Checkpoint(highWater == null ? since : highWater, null, null, null);
    }

    @Override
    public String toString() {
        return inPass() ? "pass since " + passSince + ", page " + page : "since " + since;
    }
}
