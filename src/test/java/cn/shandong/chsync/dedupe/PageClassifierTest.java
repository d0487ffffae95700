package cn.shandong.chsync.dedupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import cn.shandong.chsync.dedupe.PageClassifier.StoredCopy;
import cn.shandong.chsync.dedupe.PagePlan.Counts;
import cn.shandong.chsync.mapping.MappedRecord;
import cn.shandong.chsync.record.CreditRecord;
import cn.shandong.chsync.record.Kind;
import cn.shandong.chsync.record.ReasonCode;
import cn.shandong.chsync.record.RecordState;
import cn.shandong.chsync.record.Subject;
import cn.shandong.chsync.record.Unit;
import cn.shandong.chsync.record.Violation;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PageClassifierTest {

    private static final String ID = "370602198512310041";
    private static final LocalDateTime T1 = LocalDateTime.of(2024, 6, 1, 9, 0);
    private static final LocalDateTime T2 = LocalDateTime.of(2024, 6, 1, 9, 5);

    @Test
    void aFirstSightingIsNewAndQueuedForPushAtRevisionOne() {
        MappedRecord a = valid("BZ1", "知识产权", "6", "BZ-CERT-1", "滨州市人民医院");

        PagePlan plan = PageClassifier.classify(List.of(a), Map.of(), Set.of(), RecordKeys.PLAIN);

        assertThat(plan.counts()).isEqualTo(new Counts(1, 1, 0, 0, 0, 0));
        assertThat(plan.toPush()).extracting(PagePlan.RecordWrite::revision).containsExactly(1);
        assertThat(plan.lineageInserts()).singleElement().satisfies(l -> assertThat(l.primary()).isTrue());
    }

    @Test
    void theSameContentFetchedAgainIsAReplayAndPushesNothing() {
        MappedRecord a = valid("BZ1", "知识产权", "6", "BZ-CERT-1", "滨州市人民医院");
        Map<String, StoredCopy> known = Map.of("BZ1", new StoredCopy(CompletionKey.of(a.record()), Fingerprint.of(a.record()), 1, true, 1));

        PagePlan plan = PageClassifier.classify(List.of(resentLater(a)), known, Set.of(CompletionKey.of(a.record())), RecordKeys.PLAIN);

        assertThat(plan.counts()).isEqualTo(new Counts(1, 0, 1, 0, 0, 0));
        assertThat(plan.toPush()).isEmpty();
        assertThat(plan.lineageInserts()).isEmpty();
        assertThat(plan.lineageUpdates()).isEmpty();
    }

    @Test
    void changedContentIsARevisionPushedAsAnUpdateUnderTheSameKey() {
        MappedRecord before = valid("BZ1", "知识产权", "6", "BZ-CERT-1", "滨州市人民医院");
        MappedRecord after = valid("BZ1", "知识产权", "8", "BZ-CERT-1", "滨州医学院附属医院");
        String key = CompletionKey.of(before.record());
        Map<String, StoredCopy> known = Map.of("BZ1", new StoredCopy(key, Fingerprint.of(before.record()), 1, true, 3));

        PagePlan plan = PageClassifier.classify(List.of(after), known, Set.of(key), RecordKeys.PLAIN);

        assertThat(plan.counts()).isEqualTo(new Counts(1, 0, 0, 1, 0, 0));
        assertThat(plan.recordUpdates()).singleElement().satisfies(w -> {
            assertThat(w.completionKey()).isEqualTo(key);
            assertThat(w.revision()).isEqualTo(4);
            assertThat(w.record().hours()).isEqualByComparingTo("8");
        });
        assertThat(plan.lineageUpdates()).singleElement().satisfies(l -> assertThat(l.revision()).isEqualTo(2));
    }

    @Test
    void aSourceKeyKnownByItsFingerprintAloneIsAReplayBesideARevisionKnownWhole() {
        MappedRecord same = valid("BZ1", "知识产权", "6", "BZ-CERT-1", "滨州市人民医院");
        MappedRecord before = valid("BZ2", "数字经济", "6", "BZ-CERT-2", "滨州市人民医院");
        MappedRecord after = valid("BZ2", "数字经济", "9", "BZ-CERT-2", "滨州市人民医院");
        String key = CompletionKey.of(before.record());
        Map<String, StoredCopy> known = Map.of("BZ1", StoredCopy.asStored(Fingerprint.of(same.record())),
                "BZ2", new StoredCopy(key, Fingerprint.of(before.record()), 2, true, 5));

        PagePlan plan = PageClassifier.classify(List.of(resentLater(same), after), known, Set.of(), RecordKeys.PLAIN);

        assertThat(plan.counts()).isEqualTo(new Counts(2, 0, 1, 1, 0, 0));
        assertThat(plan.recordUpdates()).singleElement().satisfies(w -> {
            assertThat(w.completionKey()).isEqualTo(key);
            assertThat(w.revision()).isEqualTo(6);
        });
        assertThat(plan.lineageUpdates()).singleElement().satisfies(l -> {
            assertThat(l.sourceRecordId()).isEqualTo("BZ2");
            assertThat(l.revision()).isEqualTo(3);
        });
        assertThat(plan.lineageInserts()).isEmpty();
        assertThat(plan.recordInserts()).isEmpty();
    }

    @Test
    void anotherSourceKeyForAHeldCompletionIsACrossSourceDuplicateAndIsNotPushed() {
        MappedRecord copy = valid("SD1", "知识产权", "6", "BZ-CERT-1", "滨州市人民医院");

        PagePlan plan = PageClassifier.classify(List.of(copy), Map.of(), Set.of(CompletionKey.of(copy.record())), RecordKeys.PLAIN);

        assertThat(plan.counts()).isEqualTo(new Counts(1, 0, 0, 0, 1, 0));
        assertThat(plan.toPush()).isEmpty();
        assertThat(plan.lineageInserts()).singleElement().satisfies(l -> assertThat(l.primary()).isFalse());
    }

    @Test
    void twoReportsOfOneCompletionInOnePageAreOneNewAndOneDuplicate() {
        MappedRecord city = valid("BZ1", "《知识产权》", "6", null, "滨州市人民医院");
        MappedRecord province = valid("SD1", "知识产权", "6.0", null, "滨州市人民医院");

        PagePlan plan = PageClassifier.classify(List.of(city, province), Map.of(), Set.of(), RecordKeys.PLAIN);

        assertThat(plan.counts()).isEqualTo(new Counts(2, 1, 0, 0, 1, 0));
        assertThat(plan.toPush()).hasSize(1);
    }

    @Test
    void aRevisionReportedByTheDuplicateSourceIsCountedButNotPushed() {
        MappedRecord before = valid("SD1", "知识产权", "6", "BZ-CERT-1", "滨州市人民医院");
        MappedRecord after = valid("SD1", "知识产权", "6", "BZ-CERT-1", "滨州市中心医院");
        String key = CompletionKey.of(before.record());
        Map<String, StoredCopy> known = Map.of("SD1", new StoredCopy(key, Fingerprint.of(before.record()), 1, false, 1));

        PagePlan plan = PageClassifier.classify(List.of(after), known, Set.of(key), RecordKeys.PLAIN);

        assertThat(plan.counts()).isEqualTo(new Counts(1, 0, 0, 1, 0, 0));
        assertThat(plan.toPush()).isEmpty();
        assertThat(plan.lineageUpdates()).hasSize(1);
    }

    @Test
    void everyItemLandsInExactlyOneTermOfTheInvariant() {
        MappedRecord a = valid("BZ1", "知识产权", "6", "C1", "甲单位");
        MappedRecord b = valid("BZ2", "网络安全", "3", "C2", "甲单位");
        MappedRecord c = valid("BZ3", "数字经济", "4", "C3", "甲单位");
        MappedRecord bad = new MappedRecord("BZ4", "370602198512310042", "{}", null, null,
                List.of(new Violation(ReasonCode.ID_NUMBER_CHECKSUM, "bad")));
        MappedRecord bChanged = valid("BZ2", "网络安全", "4", "C2", "甲单位");
        MappedRecord aCopy = valid("SD1", "知识产权", "6", "C1", "甲单位");
        // a and b were stored by an earlier page: a comes again as it was, b changed
        Map<String, StoredCopy> known = Map.of(
                "BZ1", new StoredCopy(CompletionKey.of(a.record()), Fingerprint.of(a.record()), 1, true, 1),
                "BZ2", new StoredCopy(CompletionKey.of(b.record()), Fingerprint.of(b.record()), 1, true, 1));

        PagePlan plan = PageClassifier.classify(List.of(resentLater(a), bChanged, c, bad, aCopy), known,
                Set.of(CompletionKey.of(a.record()), CompletionKey.of(b.record())), RecordKeys.PLAIN);

        assertThat(plan.counts()).isEqualTo(new Counts(5, 1, 1, 1, 1, 1));
        assertThat(plan.counts().balanced()).isTrue();
        assertThat(plan.recordInserts()).hasSize(1);
        assertThat(plan.recordUpdates()).hasSize(1);
        assertThat(plan.toPush()).extracting(PagePlan.RecordWrite::revision).containsExactlyInAnyOrder(1, 2);
    }

    @Test
    void aCorrectionLaterInThePageSupersedesTheStaleCopyWhichIsNeitherStoredNorFiled() {
        MappedRecord stale = updatedAt(valid("BZ2", "网络安全", "3", "C2", "甲单位"), T1);
        MappedRecord corrected = updatedAt(valid("BZ2", "网络安全", "4", "C2", "甲单位"), T2);

        PagePlan plan = PageClassifier.classify(List.of(stale, corrected), Map.of(), Set.of(), RecordKeys.PLAIN);

        assertThat(plan.counts()).isEqualTo(new Counts(2, 1, 0, 0, 0, 0, 1, 0));
        assertThat(plan.toPush()).singleElement().satisfies(w -> {
            assertThat(w.revision()).isEqualTo(1);
            assertThat(w.record().hours()).isEqualByComparingTo("4");
        });
        assertThat(plan.quarantined()).isEmpty();
    }

    @Test
    void aStaleCopyAfterItsNewerVersionInThePageIsSupersededAndWritesNothing() {
        MappedRecord corrected = updatedAt(valid("BZ2", "网络安全", "4", "C2", "甲单位"), T2);
        MappedRecord stale = updatedAt(valid("BZ2", "网络安全", "3", "C2", "甲单位"), T1);

        PagePlan plan = PageClassifier.classify(List.of(corrected, stale), Map.of(), Set.of(), RecordKeys.PLAIN);

        assertThat(plan.counts()).isEqualTo(new Counts(2, 1, 0, 0, 0, 0, 1, 0));
        assertThat(plan.toPush()).singleElement().satisfies(w -> assertThat(w.record().hours()).isEqualByComparingTo("4"));
    }

    @Test
    void identicalCopiesAreReplaysAndEqualTimesLetTheLaterCopyWin() {
        MappedRecord b = valid("BZ2", "网络安全", "3", "C2", "甲单位");
        MappedRecord bAgain = resentLater(b);
        MappedRecord bChanged = updatedAt(valid("BZ2", "网络安全", "5", "C2", "甲单位"), bAgain.record().sourceUpdatedAt());

        PagePlan plan = PageClassifier.classify(List.of(b, bAgain, bChanged), Map.of(), Set.of(), RecordKeys.PLAIN);

        // b and bAgain hold the same content, which bChanged (as new as bAgain, and read after it) replaces
        assertThat(plan.counts()).isEqualTo(new Counts(3, 1, 0, 0, 0, 0, 2, 0));
        assertThat(plan.toPush()).singleElement().satisfies(w -> assertThat(w.record().hours()).isEqualByComparingTo("5"));
    }

    @Test
    void conflictingCopiesWithoutAnUpdateTimeAreKeptInPassOrderAndCountedAsUnordered() {
        MappedRecord first = updatedAt(valid("BZ2", "网络安全", "3", "C2", "甲单位"), null);
        MappedRecord same = updatedAt(valid("BZ2", "网络安全", "3", "C2", "甲单位"), null);
        MappedRecord last = updatedAt(valid("BZ2", "网络安全", "6", "C2", "甲单位"), null);

        PagePlan plan = PageClassifier.classify(List.of(first, same, last), Map.of(), Set.of(), RecordKeys.PLAIN);

        assertThat(plan.counts()).isEqualTo(new Counts(3, 1, 0, 0, 0, 0, 2, 1));
        assertThat(plan.toPush()).singleElement().satisfies(w -> assertThat(w.record().hours()).isEqualByComparingTo("6"));
    }

    @Test
    void aCorrectionOfACopyAnEarlierPageOfTheRunStoredIsWrittenAsARevisionButCountedAsSuperseded() {
        MappedRecord stale = updatedAt(valid("BZ2", "网络安全", "3", "C2", "甲单位"), T1);
        MappedRecord corrected = updatedAt(valid("BZ2", "网络安全", "4", "C2", "甲单位"), T2);
        String key = CompletionKey.of(stale.record());
        Map<String, StoredCopy> known = Map.of("BZ2", new StoredCopy(key, Fingerprint.of(stale.record()), 1, true, 1, T1, true));

        PagePlan plan = PageClassifier.classify(List.of(corrected), known, Set.of(key), RecordKeys.PLAIN);

        assertThat(plan.counts()).isEqualTo(new Counts(1, 0, 0, 0, 0, 0, 1, 0));
        assertThat(plan.recordUpdates()).singleElement().satisfies(w -> {
            assertThat(w.revision()).isEqualTo(2);
            assertThat(w.record().hours()).isEqualByComparingTo("4");
        });
        assertThat(plan.lineageUpdates()).singleElement().satisfies(l -> assertThat(l.sourceUpdatedAt()).isEqualTo(T2));
    }

    @Test
    void aCopyOlderThanTheStoredOneIsSupersededAndWritesNothing() {
        MappedRecord corrected = updatedAt(valid("BZ2", "网络安全", "4", "C2", "甲单位"), T2);
        MappedRecord stale = updatedAt(valid("BZ2", "网络安全", "3", "C2", "甲单位"), T1);
        String key = CompletionKey.of(corrected.record());
        for (boolean thisPass : new boolean[] {true, false}) {
            Map<String, StoredCopy> known = Map.of("BZ2", new StoredCopy(key, Fingerprint.of(corrected.record()), 1, true, 1, T2, thisPass));

            PagePlan plan = PageClassifier.classify(List.of(stale), known, Set.of(key), RecordKeys.PLAIN);

            assertThat(plan.counts()).as("stored by this pass: %s", thisPass).isEqualTo(new Counts(1, 0, 0, 0, 0, 0, 1, 0));
            assertThat(plan.changesNothing()).isTrue();
        }
    }

    @Test
    void pagesStoredTogetherCountAsIfEachWereCommittedBeforeTheNext() {
        MappedRecord b = valid("BZ2", "网络安全", "3", "C2", "甲单位");
        MappedRecord bChanged = valid("BZ2", "网络安全", "4", "C2", "甲单位");
        MappedRecord other = valid("BZ7", "网络安全", "3", "C2", "甲单位");

        // day 1 brings b; day 2 its correction; day 3 the correction again, re-sent later and listed
        // twice, and another record id with b's certificate
        PagePlan plan = PageClassifier.classifyPages(List.of(List.of(b), List.of(bChanged),
                List.of(resentLater(bChanged), bChanged, other)), Map.of(), Set.of(), RecordKeys.PLAIN);

        // b superseded; the correction new, and replayed twice; the other id a duplicate
        assertThat(plan.counts()).isEqualTo(new Counts(5, 1, 2, 0, 1, 0, 1, 0));
        assertThat(plan.toPush()).singleElement().satisfies(w -> {
            assertThat(w.revision()).isEqualTo(1);
            assertThat(w.record().hours()).isEqualByComparingTo("4");
        });
        assertThat(plan.recordUpdates()).isEmpty();
        assertThat(plan.lineageInserts()).extracting(PagePlan.LineageWrite::sourceRecordId, PagePlan.LineageWrite::revision,
                PagePlan.LineageWrite::primary).containsExactlyInAnyOrder(tuple("BZ2", 1, true), tuple("BZ7", 1, false));
        assertThat(plan.lineageUpdates()).isEmpty();
        assertThat(plan.quarantined()).isEmpty();
    }

    @Test
    void losingARaceToAnotherSourceTurnsTheNewRecordIntoADuplicate() {
        MappedRecord a = valid("BZ1", "知识产权", "6", "C1", "甲单位");
        PagePlan plan = PageClassifier.classify(List.of(a), Map.of(), Set.of(), RecordKeys.PLAIN);

        plan.demoteToDuplicate(CompletionKey.of(a.record()));

        assertThat(plan.counts()).isEqualTo(new Counts(1, 0, 0, 0, 1, 0));
        assertThat(plan.toPush()).isEmpty();
        assertThat(plan.lineageInserts()).singleElement().satisfies(l -> assertThat(l.primary()).isFalse());
    }

    @Test
    void losingARaceForOneCompletionLeavesThePagesOtherNewRecordsAsTheyWere() {
        MappedRecord a = valid("BZ1", "知识产权", "6", "C1", "甲单位");
        MappedRecord b = valid("BZ2", "职业道德", "4", "C2", "甲单位");
        MappedRecord c = valid("BZ3", "专业英语", "8", "C3", "甲单位");
        PagePlan plan = PageClassifier.classify(List.of(a, b, c), Map.of(), Set.of(), RecordKeys.PLAIN);

        plan.demoteToDuplicate(CompletionKey.of(b.record()));

        assertThat(plan.counts()).isEqualTo(new Counts(3, 2, 0, 0, 1, 0));
        assertThat(plan.toPush()).extracting(w -> w.record().sourceRecordId()).containsExactlyInAnyOrder("BZ1", "BZ3");
        assertThat(plan.lineageInserts()).extracting(PagePlan.LineageWrite::sourceRecordId, PagePlan.LineageWrite::primary)
                .containsExactlyInAnyOrder(tuple("BZ1", true), tuple("BZ2", false), tuple("BZ3", true));
    }

    private static MappedRecord valid(String recordId, String course, String hours, String certificate, String employer) {
        CreditRecord r = new CreditRecord("sdbz", "371600", recordId, LocalDateTime.of(2024, 5, 12, 14, 35), ID, "王秀英",
                employer, null, "GX2024-017", course, Subject.PUBLIC, Kind.TRAINING, new BigDecimal(hours), Unit.HOURS,
                new BigDecimal(hours), LocalDate.of(2024, 5, 12), certificate, RecordState.ACTIVE);
        return new MappedRecord(recordId, ID, "{}", r.sourceUpdatedAt(), r, List.of());
    }

    /** A re-send: same content, only the platform's updated-at moved. */
    private static MappedRecord resentLater(MappedRecord m) {
        CreditRecord r = m.record();
        CreditRecord later = new CreditRecord(r.sourceId(), r.cityCode(), r.sourceRecordId(), r.sourceUpdatedAt().plusDays(30),
                r.idNumber(), r.name(), r.employerName(), r.employerCode(), r.courseId(), r.courseName(), r.subject(),
                r.kind(), r.amount(), r.unit(), r.hours(), r.completionDate(), r.certificateNo(), r.state());
        return new MappedRecord(m.sourceRecordId(), m.rawIdNumber(), m.rawPayload(), later.sourceUpdatedAt(), later, List.of());
    }

    /** The same record as the platform stamps it at {@code at} (null: it gives no update time). */
    private static MappedRecord updatedAt(MappedRecord m, LocalDateTime at) {
        CreditRecord r = m.record();
        CreditRecord stamped = new CreditRecord(r.sourceId(), r.cityCode(), r.sourceRecordId(), at,
                r.idNumber(), r.name(), r.employerName(), r.employerCode(), r.courseId(), r.courseName(), r.subject(),
                r.kind(), r.amount(), r.unit(), r.hours(), r.completionDate(), r.certificateNo(), r.state());
        return new MappedRecord(m.sourceRecordId(), m.rawIdNumber(), m.rawPayload(), at, stamped, List.of());
    }
}
