package cn.shandong.chsync.pull;

/** Where a sync run stands (sync_run.status). */
public enum RunStatus {
    RUNNING, SUCCEEDED, FAILED,
    /** Its instance stopped (its lease ran out or its heartbeat did); the next run goes on from its checkpoint. */
    ABANDONED
}
