package cn.shandong.chsync.push;

import java.sql.Timestamp;
import java.util.List;

/**
 * A batch of outbox rows this instance holds the lease of, while it is being pushed;
 * {@code attemptedAt} is when the batch was taken to be sent.
 */
record PushClaim(List<Entry> entries, Timestamp attemptedAt) {

    /**
     * @param id            the outbox row's id; 0 for a row handed over by the page that wrote it,
     *                      which is known by its completion key and revision instead
     * @param token         the lease the row is held under
     * @param completionKey the key the row is stored under (keyed hash)
     * @param provinceKey   the key the province knows the completion by, and answers for
     */
    record Entry(long id, String token, String completionKey, String provinceKey, int revision, int attempts,
                 String sourceId, String sourceRecordId, String idNumber) {

        /** Whether the row came from a page's handover rather than a claim of the outbox. */
        boolean handed() {
            return id == 0;
        }
    }
}
