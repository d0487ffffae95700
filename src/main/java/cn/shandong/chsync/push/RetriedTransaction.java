package cn.shandong.chsync.push;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.TransientDataAccessException;

/**
 * A transaction tried again when the database rolled it back for a reason that passes (a deadlock,
 * a lock wait timed out). Only for a transaction that writes all or nothing, so that doing it
 * again is doing it once.
 */
final class RetriedTransaction {

    private static final Logger log = LoggerFactory.getLogger(RetriedTransaction.class);

    private RetriedTransaction() {
    }

    /** Runs {@code transaction}, up to {@code attempts} times while it fails transiently; the last failure is thrown. */
    static void run(int attempts, Runnable transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                transaction.run();
                return;
            } catch (TransientDataAccessException e) {
                if (attempt >= attempts) {
                    throw e;
                }
                // the class alone: the message quotes the statement
                log.info("a transaction was rolled back ({}), attempt {} of {}: trying it again",
                        e.getClass().getSimpleName(), attempt, attempts);
            }
        }
    }
}
