package cn.shandong.chsync.dedupe;

import cn.shandong.chsync.mapping.MappedRecord;
import cn.shandong.chsync.record.CreditRecord;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one page changes, decided before anything is written: the completions to insert or
 * update, the lineage rows, what goes to quarantine, and the counts of the run invariant.
 */
public final class PagePlan {

    /** A canonical record to write, with the revision it will have. */
    public record RecordWrite(String completionKey, CreditRecord record, String fingerprint, int revision) {
    }

    /** A lineage row to write: a source key and the completion it is linked to. */
    public static final class LineageWrite {
        final String sourceRecordId;
        final String completionKey;
        boolean primary;
        String fingerprint;
        int revision;
        LocalDateTime sourceUpdatedAt;
        /** Whether an earlier page of the same run stored the copy this lineage holds. */
        boolean thisPass;

        LineageWrite(String sourceRecordId, String completionKey, boolean primary, String fingerprint, int revision,
                     LocalDateTime sourceUpdatedAt) {
            this.sourceRecordId = sourceRecordId;
            this.completionKey = completionKey;
            this.primary = primary;
            this.fingerprint = fingerprint;
            this.revision = revision;
            this.sourceUpdatedAt = sourceUpdatedAt;
        }

        public String sourceRecordId() {
            return sourceRecordId;
        }

        public String completionKey() {
            return completionKey;
        }

        public boolean primary() {
            return primary;
        }

        public String fingerprint() {
            return fingerprint;
        }

        public int revision() {
            return revision;
        }

        public LocalDateTime sourceUpdatedAt() {
            return sourceUpdatedAt;
        }
    }

    /**
     * The invariant's terms: fetched = newRecords + replays + revisions + crossSourceDuplicates +
     * quarantined + superseded. {@code unordered}, outside the invariant, counts the records whose
     * copies conflicted with no update time to tell which is newer (kept in pass order).
     */
    public record Counts(int fetched, int newRecords, int replays, int revisions, int crossSourceDuplicates, int quarantined,
                         int superseded, int unordered) {

        public static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0, 0, 0);

        /** Counts of pages in which no record came twice. */
        public Counts(int fetched, int newRecords, int replays, int revisions, int crossSourceDuplicates, int quarantined) {
            this(fetched, newRecords, replays, revisions, crossSourceDuplicates, quarantined, 0, 0);
        }

        public Counts plus(Counts other) {
            return new Counts(fetched + other.fetched, newRecords + other.newRecords, replays + other.replays,
                    revisions + other.revisions, crossSourceDuplicates + other.crossSourceDuplicates,
                    quarantined + other.quarantined, superseded + other.superseded, unordered + other.unordered);
        }

        public boolean balanced() {
            return fetched == newRecords + replays + revisions + crossSourceDuplicates + quarantined + superseded;
        }
    }

    final Map<String, RecordWrite> recordInserts = new LinkedHashMap<>();
    final Map<String, RecordWrite> recordUpdates = new LinkedHashMap<>();
    final Map<String, LineageWrite> lineageInserts = new LinkedHashMap<>();
    final Map<String, LineageWrite> lineageUpdates = new LinkedHashMap<>();
    final List<MappedRecord> quarantined = new ArrayList<>();
    int fetched;
    int newRecords;
    int replays;
    int revisions;
    int crossSourceDuplicates;
    int superseded;
    int unordered;

    /** Whether the page changes no record and no lineage: what it held was known, or could not be used. */
    public boolean changesNothing() {
        return recordInserts.isEmpty() && recordUpdates.isEmpty() && lineageInserts.isEmpty() && lineageUpdates.isEmpty();
    }

    public Collection<RecordWrite> recordInserts() {
        return recordInserts.values();
    }

    public Collection<RecordWrite> recordUpdates() {
        return recordUpdates.values();
    }

    public Collection<LineageWrite> lineageInserts() {
        return lineageInserts.values();
    }

    public Collection<LineageWrite> lineageUpdates() {
        return lineageUpdates.values();
    }

    public List<MappedRecord> quarantined() {
        return quarantined;
    }

    /** Every (completion, revision) the provincial platform must be sent. */
    public List<RecordWrite> toPush() {
        List<RecordWrite> all = new ArrayList<>(recordInserts.values());
        all.addAll(recordUpdates.values());
        return all;
    }

    /**
     * Another source inserted the same completion first (two sources syncing at once): this
     * page's record is a cross-source duplicate of it after all.
     */
    public void demoteToDuplicate(String completionKey) {
        RecordWrite demoted = recordInserts.remove(completionKey);
        if (demoted == null) {
            return;
        }
        // Its record's lineage, the page's only primary one for the completion, found by its id: a
        // look through the page's lineage for each demoted key was a twentieth of the service's CPU
        // where pages find other sources' completions by inserting them.
        lineageInserts.get(demoted.record().sourceRecordId()).primary = false;
        newRecords--;
        crossSourceDuplicates++;
    }

    public Counts counts() {
        return new Counts(fetched, newRecords, replays, revisions, crossSourceDuplicates, quarantined.size(), superseded,
                unordered);
    }
}
