package cn.shandong.chsync.pull;

import cn.shandong.chsync.mapping.PageFormatException;
import cn.shandong.chsync.record.ReasonCode;
import java.io.IOException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * Why a pull stopped, classified in one place: the platform could not be read (FETCH), its page
 * was unusable (PARSE), or neither (the database was away, a fault of this service), which only
 * the run's message says.
 * Either way nothing is lost: the checkpoint still points at the page that failed.
 */
record PullFailure(ReasonCode reason, String code, String summary, String payload, boolean unauthorised) {

    /** A run that failed for want of its database: the run's code, there being no item to file. */
    static final String DATABASE_UNAVAILABLE = "DATABASE_UNAVAILABLE";
    /** A run that failed on a fault of this service's. */
    static final String INTERNAL_ERROR = "INTERNAL_ERROR";

    static PullFailure of(Throwable thrown) {
        // The database's own I/O errors (a lost connection) come wrapped in these: not the platform's fault.
        if (thrown instanceof DataAccessException || thrown instanceof TransactionException) {
            return new PullFailure(null, DATABASE_UNAVAILABLE, "the database was unavailable: " + thrown.getMessage(), null, false);
        }
        for (Throwable e = thrown; e != null; e = e.getCause()) {
            if (e instanceof HttpOperationFailedException http) {
                return of(ReasonCode.FETCH_FAILED,
                        ("the platform answered HTTP " + http.getStatusCode() + " " + http.getStatusText()).strip(),
                        http.getResponseBody(), http.getStatusCode() == 401);
            }
            if (e instanceof RunLimits.Exceeded limit) {
                return of(limit.reason(), limit.getMessage(), null, false);
            }
            if (e instanceof PageFormatException page) {
                return of(page.reason(), page.getMessage(), page.page(), false);
            }
            if (e instanceof IOException io) {
                return of(ReasonCode.FETCH_FAILED, "the platform could not be read: " + io, null, false);
            }
        }
        return new PullFailure(null, INTERNAL_ERROR, "internal error: " + thrown, null, false);
    }

    /** A failure filed for support: the run's code is its reason's. */
    private static PullFailure of(ReasonCode reason, String summary, String payload, boolean unauthorised) {
        return new PullFailure(reason, reason.name(), summary, payload, unauthorised);
    }

    String describe(Checkpoint at) {
        return summary + " (" + at + ")";
    }
}
