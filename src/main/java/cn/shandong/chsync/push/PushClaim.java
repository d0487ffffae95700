package cn.shandong.chsync.push;

import java.sql.Timestamp;
import java.time.Instant;
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
     * @param writtenAt     for a completion handed over, when its page wrote it (its outbox row's
     *                      created_at, once written); null for a row claimed
     * @param leaseUntil    for a completion handed over, when its page's lease runs out (its outbox
     *                      row's first next_attempt_at); null for a row claimed
     */
    record Entry(long id, String token, String completionKey, String provinceKey, int revision, int attempts,
                 String sourceId, String sourceRecordId, String idNumber, Instant writtenAt, Instant leaseUntil) {

        /** Whether the completion came from a page's handover, with no outbox row yet, rather than a claim of the outbox. */
        boolean handed() {
            return id == 0;
        }
    }
}
