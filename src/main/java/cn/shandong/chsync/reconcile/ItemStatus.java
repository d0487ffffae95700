package cn.shandong.chsync.reconcile;

/** Where a reconciliation item stands (reconciliation_item.status). */
public enum ItemStatus {
    /** Waiting for support. */
    OPEN,
    /** Support retried it and the retry is under way: it settles to RESOLVED, or back to OPEN. */
    RETRYING,
    /** Fixed: by a retry that went through, or by support's hand with a note. */
    RESOLVED,
    /** Nothing to fix (a test record, a known duplicate), closed with a note. */
    IGNORED;

    /** The SQL condition of an item support still has to act on: OPEN or RETRYING. */
    static final String WAITING = "status IN ('" + OPEN.name() + "', '" + RETRYING.name() + "')";

    /** The SQL that sets a retrying item back to OPEN when its record is filed again, other statuses kept. */
    static final String REOPEN_RETRYING = "status = CASE WHEN status = '" + RETRYING.name() + "' THEN '" + OPEN.name()
            + "' ELSE status END";
}
