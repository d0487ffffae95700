package cn.shandong.chsync.mapping;

import cn.shandong.chsync.record.CreditRecord;
import cn.shandong.chsync.record.Violation;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

/**
 * One item of a page after mapping: either a canonical record, or the violations that keep it
 * out, with what is needed to file it for support (its id, the ID number as sent, the raw item).
 * {@code cursorValue} is the item's updated-at as the cursor reads it, valid or not, so a bad
 * record still moves the high-water mark past itself.
 *
 * <p>The raw item is written out as text only when asked for: only a record filed for support
 * needs it, and writing every item of a page out again is work for nothing on every valid one.
 * A record that will not be filed lets go of its item once mapped ({@link #withoutItem}).
 */
public final class MappedRecord {

    private final String sourceRecordId;
    private final String rawIdNumber;
    private final JsonNode item;
    private String rawPayload;
    private final LocalDateTime cursorValue;
    private final CreditRecord record;
    private final List<Violation> violations;

    public MappedRecord(String sourceRecordId, String rawIdNumber, String rawPayload, LocalDateTime cursorValue,
                        CreditRecord record, List<Violation> violations) {
        this(sourceRecordId, rawIdNumber, null, rawPayload, cursorValue, record, violations);
    }

    private MappedRecord(String sourceRecordId, String rawIdNumber, JsonNode item, String rawPayload,
                         LocalDateTime cursorValue, CreditRecord record, List<Violation> violations) {
        this.sourceRecordId = sourceRecordId;
        this.rawIdNumber = rawIdNumber;
        this.item = item;
        this.rawPayload = rawPayload;
        this.cursorValue = cursorValue;
        this.record = record;
        this.violations = List.copyOf(violations);
    }

    /** As mapped from {@code item}, whose text is its raw payload. */
    static MappedRecord of(String sourceRecordId, String rawIdNumber, JsonNode item, LocalDateTime cursorValue,
                           CreditRecord record, List<Violation> violations) {
        return new MappedRecord(sourceRecordId, rawIdNumber, item, null, cursorValue, record, violations);
    }

    /**
     * The same record without the item it was mapped from, whose raw payload is then null: for a
     * valid record, which nothing files for support (a copy of it met again in the pass is a
     * version, see PageClassifier), so that the page's parsed tree need not outlive its mapping.
     */
    public MappedRecord withoutItem() {
        return item == null ? this : new MappedRecord(sourceRecordId, rawIdNumber, null, rawPayload, cursorValue, record, violations);
    }

    /** The same record refused for {@code violations}, with the same raw payload. */
    public MappedRecord refused(List<Violation> violations) {
        return new MappedRecord(sourceRecordId, rawIdNumber, item, rawPayload, cursorValue, null, violations);
    }

    public boolean valid() {
        return record != null;
    }

    public String sourceRecordId() {
        return sourceRecordId;
    }

    public String rawIdNumber() {
        return rawIdNumber;
    }

    /** The item as the platform sent it, as JSON text. */
    public String rawPayload() {
        if (rawPayload == null && item != null) {
            rawPayload = item.toString();
        }
        return rawPayload;
    }

    public LocalDateTime cursorValue() {
        return cursorValue;
    }

    public CreditRecord record() {
        return record;
    }

    public List<Violation> violations() {
        return violations;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MappedRecord m && Objects.equals(sourceRecordId, m.sourceRecordId)
                && Objects.equals(rawIdNumber, m.rawIdNumber) && Objects.equals(rawPayload(), m.rawPayload())
                && Objects.equals(cursorValue, m.cursorValue) && Objects.equals(record, m.record)
                && violations.equals(m.violations);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sourceRecordId, cursorValue, record, violations);
    }

    @Override
    public String toString() {
        // No raw payload and no ID number: a record printed in a log or a test failure stays masked.
        return "MappedRecord[" + sourceRecordId + (valid() ? ", valid" : ", " + violations) + "]";
    }
}
