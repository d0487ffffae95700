package cn.shandong.chsync.record;

/** The kinds of hours on Yantai's registration form: 培训进修, 自学, 折算, 其他. */
public enum Kind {
    TRAINING, SELF_STUDY, CONVERTED, OTHER
}
