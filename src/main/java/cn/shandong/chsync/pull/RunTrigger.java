package cn.shandong.chsync.pull;

/** What started a sync run (sync_run.trigger_type). */
public enum RunTrigger {
    /** The source's cron. */
    SCHEDULE,
    /** An operator, from the API or the console. */
    MANUAL,
    /** An operator's re-read from the platform's first record; the cursor does not move back for it. */
    FULL,
    /** The service's start. */
    STARTUP,
    /** Support staff's retry of quarantined records. */
    RETRY,
    /** A source left mid-run by an instance that stopped, synced from its checkpoint by another. */
    TAKEOVER
}
