package cn.shandong.chsync.mapping;

import cn.shandong.chsync.record.CreditRecord;
import cn.shandong.chsync.record.Violation;
import java.time.LocalDateTime;
import java.util.List;

/**
 * One item of a page after mapping: either a canonical record, or the violations that keep it
 * out, with what is needed to file it for support (its id, the ID number as sent, the raw item).
 * {@code cursorValue} is the item's updated-at as the cursor reads it, valid or not, so a bad
 * record still moves the high-water mark past itself.
 */
public record MappedRecord(
        String sourceRecordId,
        String rawIdNumber,
        String rawPayload,
        LocalDateTime cursorValue,
        CreditRecord record,
        List<Violation> violations) {

    public boolean valid() {
        return record != null;
    }
}
