package cn.shandong.chsync.dedupe;

import cn.shandong.chsync.record.CreditRecord;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The completion key and fingerprint a record is stored and matched under. Both are hashes over
 * content that includes the ID number, so the service stores them keyed (an HMAC over
 * {@link CompletionKey} and {@link Fingerprint}): with the rest of a row in clear, a plain hash
 * would give the number away to whoever reads the database. The province still receives
 * {@link CompletionKey#of} itself, its idempotency key.
 */
public interface RecordKeys {

    String completionKey(CreditRecord record);

    String fingerprint(CreditRecord record);

    /**
     * The same keys, each worked out once per record while this view is used: a page asks for a
     * record's keys in its reads before the classifier asks again (one view per page).
     */
    static RecordKeys once(RecordKeys keys) {
        Map<CreditRecord, String> completionKeys = new IdentityHashMap<>();
        Map<CreditRecord, String> fingerprints = new IdentityHashMap<>();
        return new RecordKeys() {
            @Override
            public String completionKey(CreditRecord record) {
                return completionKeys.computeIfAbsent(record, keys::completionKey);
            }

            @Override
            public String fingerprint(CreditRecord record) {
                return fingerprints.computeIfAbsent(record, keys::fingerprint);
            }
        };
    }

    /** The plain hashes: for the classifier's tests, which need no key. */
    RecordKeys PLAIN = new RecordKeys() {
        @Override
        public String completionKey(CreditRecord record) {
            return CompletionKey.of(record);
        }

        @Override
        public String fingerprint(CreditRecord record) {
            return Fingerprint.of(record);
        }
    };
}
