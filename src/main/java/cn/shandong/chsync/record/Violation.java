package cn.shandong.chsync.record;

/** One thing wrong with a record, in words a support clerk can act on. */
public record Violation(ReasonCode code, String message) {
}
