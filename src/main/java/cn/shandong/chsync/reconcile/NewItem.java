package cn.shandong.chsync.reconcile;

import cn.shandong.chsync.record.Stage;

/**
 * Something that could not be used, to be filed. {@code identity} says what makes two filings
 * the same item (a bad record fetched again is one item with more occurrences, not a new one).
 */
public record NewItem(
        String sourceId,
        Long runId,
        Stage stage,
        String reasonCode,
        String message,
        String sourceRecordId,
        String completionKey,
        String idNumber,
        String rawPayload,
        String identity) {
}
