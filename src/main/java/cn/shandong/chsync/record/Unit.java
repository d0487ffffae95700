package cn.shandong.chsync.record;

/** 学时 (hours) or 学分 (credits, the system up to 2019). */
public enum Unit {
    HOURS, CREDITS
}
