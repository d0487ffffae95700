package cn.shandong.chsync.simulator;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The ground truth of an epoch, from the records alone: what a correct sync must leave the
 * province holding, and what it must file for support.
 */
record Expected(int validCompletions, int badRecords, int crossSourceDuplicates, int revisions, int revocations,
                int provinceRejected, Map<String, Integer> badRecordsByReason) {

    static Expected of(List<SimRecord> visible) {
        Set<String> filed = new HashSet<>();
        Set<String> unfiled = new HashSet<>();
        Set<String> withdrawn = new HashSet<>();
        int valid = 0;
        int bad = 0;
        int revisions = 0;
        Map<String, Integer> byReason = new TreeMap<>();
        for (SimRecord r : visible) {
            if (!r.valid()) {
                bad++;
                byReason.merge(r.badReason().name(), 1, Integer::sum);
                continue;
            }
            valid++;
            (r.unfiled() ? unfiled : filed).add(r.trueCompletion());
            if (r.correction() || r.revoked()) {
                revisions++;
            }
            if (r.revoked()) {
                withdrawn.add(r.trueCompletion());
            }
        }
        int distinct = filed.size() + unfiled.size();
        // A withdrawn completion is one the province must not hold as credit.
        filed.removeAll(withdrawn);
        return new Expected(filed.size(), bad, valid - distinct, revisions, withdrawn.size(), unfiled.size(), byReason);
    }
}
