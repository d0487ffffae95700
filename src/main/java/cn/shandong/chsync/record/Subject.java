package cn.shandong.chsync.record;

/** 公需科目 (public subjects) or 专业科目 (professional subjects). */
public enum Subject {
    PUBLIC, PROFESSIONAL
}
