package cn.shandong.chsync.push;

import java.util.List;

/** A batch of outbox rows this instance holds the lease of, while it is being pushed. */
record PushClaim(String token, List<Entry> entries) {

    record Entry(long id, String completionKey, int revision, int attempts, String sourceId, String sourceRecordId,
                 String idNumber) {
    }
}
