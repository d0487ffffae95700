package cn.shandong.chsync.dedupe;

import cn.shandong.chsync.record.CreditRecord;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The completion key and fingerprint a record is stored and matched under. Both are hashes over
 * content that includes the ID number, so the service stores them keyed (an HMAC over
 * {@link CompletionKey} and {@link Fingerprint}): with the rest of a row in clear, a plain hash
 * would give the number away to whoever reads the database. The province still receives
 * {@link CompletionKey#of} itself, its idempotency key ({@link #provinceKey}).
 */
public interface RecordKeys {

    /** How a plain completion key is stored and matched. */
    String stored(String plainCompletionKey);

    String fingerprint(CreditRecord record);

    /** The key the province knows the completion by: the plain {@link CompletionKey}. */
    default String provinceKey(CreditRecord record) {
        return CompletionKey.of(record);
    }

    /** The completion key as stored and matched. */
    default String completionKey(CreditRecord record) {
        return stored(provinceKey(record));
    }

    /**
     * The same keys, each worked out once per record while this view is used: a page asks for a
     * record's keys in its reads before the classifier asks again, and its insert asks for the
     * province's key (one view per page).
     */
    static RecordKeys once(RecordKeys keys) {
        Map<CreditRecord, String> provinceKeys = new IdentityHashMap<>();
        Map<CreditRecord, String> completionKeys = new IdentityHashMap<>();
        Map<CreditRecord, String> fingerprints = new IdentityHashMap<>();
        return new RecordKeys() {
            @Override
            public String stored(String plainCompletionKey) {
                return keys.stored(plainCompletionKey);
            }

            @Override
            public String provinceKey(CreditRecord record) {
                return provinceKeys.computeIfAbsent(record, keys::provinceKey);
            }

            @Override
            public String completionKey(CreditRecord record) {
                return completionKeys.computeIfAbsent(record, r -> keys.stored(provinceKey(r)));
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
        public String stored(String plainCompletionKey) {
            return plainCompletionKey;
        }

        @Override
        public String fingerprint(CreditRecord record) {
            return Fingerprint.of(record);
        }
    };
}
