package cn.shandong.chsync.dedupe;

import cn.shandong.chsync.dedupe.PagePlan.LineageWrite;
import cn.shandong.chsync.dedupe.PagePlan.RecordWrite;
import cn.shandong.chsync.mapping.MappedRecord;
import cn.shandong.chsync.record.CreditRecord;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sorts each item of a page into exactly one term of the run invariant, in page order, against
 * what the database holds: a new completion, a replay (same source key, same content), a
 * revision (same source key, changed content), a cross-source duplicate (a new source key whose
 * completion is already held), quarantine (a record that failed mapping or validation) or
 * superseded (a copy of a record that a newer copy of the same pass replaces).
 * Pure: the caller reads and writes the database.
 *
 * <p>Versions within a pass. Platforms re-send a record edited while a client pages through: the
 * stale copy, then the corrected one, in one page or on a later one. Of the copies of one record id
 * the newest by the platform's update time wins (equal times: the later in the pass; no time on
 * one of them: pass order, counted as {@code unordered}); copies identical to the winner are
 * replays, the others are superseded and never filed. Among pages classified together the winner
 * alone is written. Where an earlier copy was already committed by an earlier page of the same run
 * ({@link StoredCopy#thisPass}), a newer one is written over it as a new revision (so the province gets
 * the correction) but counted as superseded, the copy it replaces having been counted already; a
 * copy older than what is stored is superseded and writes nothing.
 */
public final class PageClassifier {

    /**
     * What the database holds for a source key of the page: with the platform's update time of the
     * copy stored and whether an earlier page of this same run stored it ({@code thisPass}).
     */
    public record StoredCopy(String completionKey, String fingerprint, int lineageRevision, boolean primary, int recordRevision,
                        LocalDateTime sourceUpdatedAt, boolean thisPass) {

        public StoredCopy(String completionKey, String fingerprint, int lineageRevision, boolean primary, int recordRevision) {
            this(completionKey, fingerprint, lineageRevision, primary, recordRevision, null, false);
        }

        /**
         * A source key whose every copy in the pages has the fingerprint stored: a replay, for which
         * the fingerprint is all that is read (no completion key; not counted as primary, so no
         * record revision is wanted for it).
         */
        public static StoredCopy asStored(String fingerprint) {
            return new StoredCopy(null, fingerprint, 0, false, 0);
        }
    }

    private PageClassifier() {
    }

    /**
     * @param known                  lineage already stored, by source record id
     * @param heldCompletionKeys     which of the page's new completion keys are already stored
     * @param keys                   how a record's completion key and fingerprint are stored
     */
    public static PagePlan classify(List<MappedRecord> items, Map<String, StoredCopy> known, Set<String> heldCompletionKeys,
                                    RecordKeys keys) {
        return classifyPages(List.of(items), known, heldCompletionKeys, keys);
    }

    /**
     * Pages read one after another, stored together: each against what the database holds, the
     * copies of a record id among them reduced to the newest (see the class comment).
     */
    public static PagePlan classifyPages(List<List<MappedRecord>> pages, Map<String, StoredCopy> known,
                                         Set<String> heldCompletionKeys, RecordKeys keys) {
        Classification c = new Classification(known, heldCompletionKeys, keys);
        c.choose(pages);
        pages.forEach(c::page);
        return c.plan;
    }

    /** The pages classified so far: the plan, and what they brought that later pages are classified against. */
    private static final class Classification {
        final PagePlan plan = new PagePlan();
        final Map<String, StoredCopy> known;
        final Set<String> heldCompletionKeys;
        final RecordKeys keys;
        final Map<String, LineageWrite> seen = new HashMap<>();
        final Map<String, Integer> recordRevisions = new HashMap<>();
        final Set<String> newKeys = new HashSet<>();

        Classification(Map<String, StoredCopy> known, Set<String> heldCompletionKeys, RecordKeys keys) {
            this.known = known;
            this.heldCompletionKeys = heldCompletionKeys;
            this.keys = keys;
        }

        /** The copy of each record id that wins among the pages classified together (see the class comment). */
        final Map<String, MappedRecord> winners = new HashMap<>();
        final Set<String> unorderedIds = new HashSet<>();

        void choose(List<List<MappedRecord>> pages) {
            for (List<MappedRecord> items : pages) {
                for (MappedRecord item : items) {
                    if (item.valid()) {
                        winners.merge(item.sourceRecordId(), item, this::newer);
                    }
                }
            }
        }

        /** Of two copies of a record, {@code later} read after {@code earlier}: the newer. */
        private MappedRecord newer(MappedRecord earlier, MappedRecord later) {
            LocalDateTime was = earlier.record().sourceUpdatedAt();
            LocalDateTime is = later.record().sourceUpdatedAt();
            if (was == null || is == null) {
                if (!keys.fingerprint(earlier.record()).equals(keys.fingerprint(later.record()))
                        && unorderedIds.add(later.sourceRecordId())) {
                    plan.unordered++;
                }
                return later;
            }
            return is.isBefore(was) ? earlier : later;
        }

        void page(List<MappedRecord> items) {
            for (MappedRecord item : items) {
                plan.fetched++;
                if (!item.valid()) {
                    plan.quarantined.add(item);
                    continue;
                }
                MappedRecord winner = winners.get(item.sourceRecordId());
                if (winner == item) {
                    record(item.record());
                } else if (keys.fingerprint(winner.record()).equals(keys.fingerprint(item.record()))) {
                    plan.replays++;
                } else {
                    plan.superseded++;
                }
            }
        }

        private void record(CreditRecord record) {
            String fingerprint = keys.fingerprint(record);
            LineageWrite lineage = seen.computeIfAbsent(record.sourceRecordId(), id -> fromKnown(id, known.get(id), recordRevisions));
            if (lineage != null) {
                if (lineage.fingerprint.equals(fingerprint)) {
                    plan.replays++;
                } else if (olderThanStored(record, lineage)) {
                    // a stale copy after its newer version: it must not overwrite it
                    plan.superseded++;
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

    private static boolean olderThanStored(CreditRecord record, LineageWrite stored) {
        return record.sourceUpdatedAt() != null && stored.sourceUpdatedAt != null
                && record.sourceUpdatedAt().isBefore(stored.sourceUpdatedAt);
    }

    private static LineageWrite fromKnown(String sourceRecordId, StoredCopy known, Map<String, Integer> recordRevisions) {
        if (known == null) {
            return null;
        }
        if (known.primary()) {
            recordRevisions.put(known.completionKey(), known.recordRevision());
        }
        LineageWrite lineage = new LineageWrite(sourceRecordId, known.completionKey(), known.primary(), known.fingerprint(),
                known.lineageRevision(), known.sourceUpdatedAt());
        lineage.thisPass = known.thisPass();
        return lineage;
    }

    private static void revise(PagePlan plan, LineageWrite lineage, CreditRecord record, String fingerprint,
                               Map<String, Integer> recordRevisions) {
        if (lineage.thisPass) {
            // an earlier page of this run stored the copy this one replaces, and counted it
            plan.superseded++;
        } else {
            plan.revisions++;
        }
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
