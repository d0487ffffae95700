package cn.shandong.chsync.record;

/**
 * 学时 (hours), 学分 (credits, the system up to 2019), or 积分 (POINTS, e.g. 学习强国's): points are
 * not 学时 at all until a threshold rule of compliance-rules.yaml converts them, so a record in
 * points carries 0 hours and is not held to the 学时 cap.
 */
public enum Unit {
    HOURS, CREDITS, POINTS
}
