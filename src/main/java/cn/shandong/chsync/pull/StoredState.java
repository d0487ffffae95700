package cn.shandong.chsync.pull;

import cn.shandong.chsync.dedupe.PageClassifier.StoredCopy;
import cn.shandong.chsync.dedupe.RecordKeys;
import cn.shandong.chsync.mapping.MappedRecord;
import cn.shandong.chsync.record.CreditRecordRepository;
import cn.shandong.chsync.record.LineageRepository;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * What the database holds of a page's records, for PageClassifier to sort them by: the source
 * keys linked already, and the completions another source holds.
 */
@Component
class StoredState {

    private final LineageRepository lineage;
    private final CreditRecordRepository records;

    StoredState(LineageRepository lineage, CreditRecordRepository records) {
        this.lineage = lineage;
        this.records = records;
    }

    /**
     * The page's source keys already linked. Their fingerprints are read first: a source key whose
     * every copy in the pages is as stored is a replay, and nothing more of it is read (in a re-read
     * with nothing changed, nothing more at all). Of those that changed, the rest of the lineage is
     * read, and the completion's own revision where this source is its primary one (a revision
     * follows it).
     */
    Map<String, StoredCopy> known(SyncRun run, List<MappedRecord> items, RecordKeys page) {
        List<MappedRecord> valid = items.stream().filter(MappedRecord::valid).toList();
        Set<String> ids = new HashSet<>();
        valid.forEach(r -> ids.add(r.sourceRecordId()));
        Map<String, StoredCopy> known = new HashMap<>();
        if (ids.isEmpty()) {
            return known;
        }
        Map<String, String> fingerprints = lineage.fingerprints(run.sourceId(), ids);
        // Any copy of the record, in pages stored together, may be the one that changed.
        Set<String> changed = new HashSet<>();
        for (MappedRecord r : valid) {
            String stored = fingerprints.get(r.sourceRecordId());
            if (stored != null && !stored.equals(page.fingerprint(r.record()))) {
                changed.add(r.sourceRecordId());
            }
        }
        fingerprints.forEach((id, fingerprint) -> {
            if (!changed.contains(id)) {
                known.put(id, StoredCopy.asStored(fingerprint));
            }
        });
        if (changed.isEmpty()) {
            return known;
        }
        for (LineageRepository.Linked l : lineage.linked(run.sourceId(), changed)) {
            // what an earlier page of this run stored is an earlier copy of the same pass (see PageClassifier)
            known.put(l.sourceRecordId(), new StoredCopy(l.completionKey(), fingerprints.get(l.sourceRecordId()), l.revision(),
                    l.primary(), 0, l.sourceUpdatedAt(), l.lastRunId() == run.id()));
        }
        Map<String, String> revised = new HashMap<>();
        for (String id : changed) {
            StoredCopy k = known.get(id);
            if (k != null && k.primary()) {
                revised.put(k.completionKey(), id);
            }
        }
        if (!revised.isEmpty()) {
            records.revisions(revised.keySet()).forEach((key, revision) -> {
                String id = revised.get(key);
                StoredCopy k = known.get(id);
                known.put(id, new StoredCopy(k.completionKey(), k.fingerprint(), k.lineageRevision(), true, revision,
                        k.sourceUpdatedAt(), k.thisPass()));
            });
        }
        return known;
    }

    /**
     * Which completions of the page's source keys not yet linked are stored already (another
     * source's). Read before inserting where the insert cannot name the rows it keeps out: it
     * would have to read every key of the page back. A re-read, whose keys are all linked, reads
     * nothing here.
     */
    Set<String> held(List<MappedRecord> items, Map<String, StoredCopy> known, RecordKeys page) {
        Set<String> wanted = new HashSet<>();
        items.stream().filter(r -> r.valid() && !known.containsKey(r.sourceRecordId()))
                .forEach(r -> wanted.add(page.completionKey(r.record())));
        return wanted.isEmpty() ? new HashSet<>() : records.held(wanted);
    }
}
