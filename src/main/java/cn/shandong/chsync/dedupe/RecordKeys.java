package cn.shandong.chsync.dedupe;

import cn.shandong.chsync.record.CreditRecord;

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
