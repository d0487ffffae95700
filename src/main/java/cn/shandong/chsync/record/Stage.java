package cn.shandong.chsync.record;

/** Where in the pipeline a reconciliation item was raised. */
public enum Stage {
    FETCH, PARSE, MAP, VALIDATE, PUSH, TALLY
}
