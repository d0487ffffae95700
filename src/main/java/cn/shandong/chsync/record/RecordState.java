package cn.shandong.chsync.record;

/** Whether the platform still stands by a record; a withdrawn one becomes a REVOKED revision. */
public enum RecordState {
    ACTIVE, REVOKED
}
