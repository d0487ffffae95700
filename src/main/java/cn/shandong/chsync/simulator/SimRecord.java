package cn.shandong.chsync.simulator;

import cn.shandong.chsync.record.ReasonCode;
import java.time.LocalDateTime;
import java.util.Map;

/**
 * One version of a record as a simulated platform shows it, with the ground truth behind it:
 * which true completion it reports (null for a bad record), what is wrong with it, whether it
 * is a correction or a revocation, and whether its course is a training project the province
 * will not register.
 */
record SimRecord(
        String sourceId,
        String recordId,
        int epoch,
        LocalDateTime updatedAt,
        Map<String, Object> fields,
        String trueCompletion,
        ReasonCode badReason,
        boolean correction,
        boolean revoked,
        boolean unfiled) {

    boolean valid() {
        return badReason == null;
    }

    SimRecord resent(int epoch, LocalDateTime at) {
        return new SimRecord(sourceId, recordId, epoch, at, fields, trueCompletion, badReason, correction, revoked, unfiled);
    }
}
