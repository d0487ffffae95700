package cn.shandong.chsync.dedupe;

import cn.shandong.chsync.dedupe.PagePlan.LineageWrite;
import cn.shandong.chsync.dedupe.PagePlan.RecordWrite;
import cn.shandong.chsync.mapping.MappedRecord;
import cn.shandong.chsync.record.CreditRecord;
import cn.shandong.chsync.record.ReasonCode;
import cn.shandong.chsync.record.Violation;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sorts each item of a page into exactly one term of the run invariant, in page order, against
 * what the database holds: a new completion, a replay (same source key, same content), a
 * revision (same source key, changed content), a cross-source duplicate (a new source key whose
 * completion is already held) or quarantine (a record that failed mapping or validation, or
 * the repeat of a record id already in the page). Pure: the caller reads and writes the database.
 */
public final class PageClassifier {

    /** What the database holds for a source key of the page. */
    public record Known(String completionKey, String fingerprint, int lineageRevision, boolean primary, int recordRevision) {

        /**
         * A source key whose every copy in the pages has the fingerprint stored: a replay, for which
         * the fingerprint is all that is read (no completion key; not counted as primary, so no
         * record revision is wanted for it).
         */
        public static Known asStored(String fingerprint) {
            return new Known(null, fingerprint, 0, false, 0);
        }
    }

    private PageClassifier() {
    }

    /**
     * @param known                  lineage already stored, by source record id
     * @param heldCompletionKeys     which of the page's new completion keys are already stored
     * @param keys                   how a record's completion key and fingerprint are stored
     */
    public static PagePlan classify(List<MappedRecord> items, Map<String, Known> known, Set<String> heldCompletionKeys,
                                    RecordKeys keys) {
        return classifyPages(List.of(items), known, heldCompletionKeys, keys);
    }

    /**
     * Pages read one after another, stored together: each against what the database holds and
     * what the pages before it brought, as if each had been committed before the next was read.
     * A record id repeated within a page is quarantined; in a later page it is a replay or a
     * revision, as the platform's next page would be.
     */
    public static PagePlan classifyPages(List<List<MappedRecord>> pages, Map<String, Known> known,
                                         Set<String> heldCompletionKeys, RecordKeys keys) {
        Classification c = new Classification(known, heldCompletionKeys, keys);
        pages.forEach(c::page);
        return c.plan;
    }

    /** The pages classified so far: the plan, and what they brought that later pages are classified against. */
    private static final class Classification {
        final PagePlan plan = new PagePlan();
        final Map<String, Known> known;
        final Set<String> heldCompletionKeys;
        final RecordKeys keys;
        final Map<String, LineageWrite> seen = new HashMap<>();
        final Map<String, Integer> recordRevisions = new HashMap<>();
        final Set<String> newKeys = new HashSet<>();

        Classification(Map<String, Known> known, Set<String> heldCompletionKeys, RecordKeys keys) {
            this.known = known;
            this.heldCompletionKeys = heldCompletionKeys;
            this.keys = keys;
        }

        void page(List<MappedRecord> items) {
            Set<String> idsOfThisPage = new HashSet<>();
            for (MappedRecord item : items) {
                plan.fetched++;
                if (item.sourceRecordId() != null && !idsOfThisPage.add(item.sourceRecordId())) {
                    plan.quarantined.add(repeated(item));
                } else if (!item.valid()) {
                    plan.quarantined.add(item);
                } else {
                    record(item.record());
                }
            }
        }

        private void record(CreditRecord record) {
            String fingerprint = keys.fingerprint(record);
            LineageWrite lineage = seen.computeIfAbsent(record.sourceRecordId(), id -> fromKnown(id, known.get(id), recordRevisions));
            if (lineage != null) {
                if (lineage.fingerprint.equals(fingerprint)) {
                    plan.replays++;
                } else {
                    revise(plan, lineage, record, fingerprint, recordRevisions);
                }
                return;
            }
            String key = keys.completionKey(record);
            boolean duplicate = heldCompletionKeys.contains(key) || newKeys.contains(key);
            lineage = new LineageWrite(record.sourceRecordId(), key, !duplicate, fingerprint, 1, record.sourceUpdatedAt());
            seen.put(record.sourceRecordId(), lineage);
            plan.lineageInserts.put(record.sourceRecordId(), lineage);
            if (duplicate) {
                plan.crossSourceDuplicates++;
            } else {
                plan.newRecords++;
                newKeys.add(key);
                recordRevisions.put(key, 1);
                plan.recordInserts.put(key, new RecordWrite(key, record, fingerprint, 1));
            }
        }
    }

    /**
     * A page lists each record once; a second item with the same id means the platform's export
     * is broken (a join that fans out, a page boundary that moved), and which copy is right cannot
     * be told. The first goes on; the second is filed for support rather than taken as a revision.
     */
    private static MappedRecord repeated(MappedRecord item) {
        return item.refused(List.of(new Violation(ReasonCode.RECORD_ID_REPEATED_IN_PAGE,
                "record " + item.sourceRecordId() + " appears more than once in this page")));
    }

    private static LineageWrite fromKnown(String sourceRecordId, Known known, Map<String, Integer> recordRevisions) {
        if (known == null) {
            return null;
        }
        if (known.primary()) {
            recordRevisions.put(known.completionKey(), known.recordRevision());
        }
        return new LineageWrite(sourceRecordId, known.completionKey(), known.primary(), known.fingerprint(),
                known.lineageRevision(), null);
    }

    private static void revise(PagePlan plan, LineageWrite lineage, CreditRecord record, String fingerprint,
                               Map<String, Integer> recordRevisions) {
        plan.revisions++;
        lineage.fingerprint = fingerprint;
        lineage.revision++;
        lineage.sourceUpdatedAt = record.sourceUpdatedAt();
        if (!plan.lineageInserts.containsKey(lineage.sourceRecordId)) {
            plan.lineageUpdates.put(lineage.sourceRecordId, lineage);
        }
        if (!lineage.primary) {
            // The completion's content follows the source that reported it first.
            return;
        }
        String key = lineage.completionKey;
        int revision = recordRevisions.merge(key, 1, Integer::sum);
        RecordWrite write = new RecordWrite(key, record, fingerprint, revision);
        if (plan.recordInserts.containsKey(key)) {
            plan.recordInserts.put(key, write);
        } else {
            plan.recordUpdates.put(key, write);
        }
    }
}
