package cn.shandong.chsync.sql;

import org.springframework.dao.TransientDataAccessResourceException;

/**
 * A page's transaction rolled back on purpose, to be committed again: the database kept a row out
 * for a reason the page cannot account for (an id handed out twice under concurrent loads, say),
 * and trying again is the way to be sure nothing was lost. The pull route's error configuration
 * (routes/pull.camel.yaml, the rule on org.springframework.dao.TransientDataAccessException, which
 * this is) redelivers the page a few times before the run fails; a deadlock takes the same rule.
 */
public class CommitAgainException extends TransientDataAccessResourceException {

    public CommitAgainException(String message) {
        super(message);
    }
}
