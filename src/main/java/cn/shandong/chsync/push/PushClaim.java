package cn.shandong.chsync.push;

import java.util.List;

/** A batch of outbox rows this instance holds the lease of, while it is being pushed. */
record PushClaim(String token, List<Entry> entries) {

    /**
     * @param completionKey the key the row is stored under (keyed hash)
     * @param provinceKey   the key the province knows the completion by, and answers for
     */
    record Entry(long id, String completionKey, String provinceKey, int revision, int attempts, String sourceId,
                 String sourceRecordId, String idNumber) {
    }
}
