package cn.shandong.chsync.push;

/** Where a completion revision's outbox row stands (push_outbox.status). */
public enum OutboxStatus {
    /** Waiting to be sent, or sent and not answered yet (under a lease), or due again after a failure. */
    PENDING,
    /** The province took it (result ACCEPTED or DUPLICATE). */
    DONE,
    /** The province refused it; a PUSH_REJECTED item says why. */
    REJECTED,
    /** Given up on after the attempts allowed; a PUSH_RETRIES_EXHAUSTED item says so. */
    FAILED,
    /** A newer revision of the completion went instead. */
    SUPERSEDED
}
