package cn.shandong.chsync.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shandong.chsync.record.CreditRecord;
import cn.shandong.chsync.record.Kind;
import cn.shandong.chsync.record.RecordState;
import cn.shandong.chsync.record.Subject;
import cn.shandong.chsync.record.Unit;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class CompletionKeyTest {

    @Test
    void theCertificateNumberIdentifiesACompletionWhateverTheOtherFieldsSay() {
        CreditRecord city = record("sdbz", "BZ1", "数字技术与数字经济", "6", "BZ202400000101");
        CreditRecord copy = record("sdzj", "X-77", "数字技术", "8", " bz202400000101 ");

        assertThat(CompletionKey.of(copy)).isEqualTo(CompletionKey.of(city));
    }

    @Test
    void withoutACertificateTheCourseDateHoursAndSubjectDo() {
        CreditRecord a = record("sdbz", "BZ1", "《数字技术与数字经济》", "6.0", null);
        CreditRecord b = record("sdwh", "WH9", "数字技术 与 数字经济", "6", null);
        CreditRecord otherHours = record("sdbz", "BZ2", "数字技术与数字经济", "4", null);

        assertThat(CompletionKey.of(b)).isEqualTo(CompletionKey.of(a));
        assertThat(CompletionKey.of(otherHours)).isNotEqualTo(CompletionKey.of(a));
    }

    @Test
    void keysAreSha256HexAndStable() {
        String key = CompletionKey.of(record("sdbz", "BZ1", "知识产权", "4", "C-1"));

        assertThat(key).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(key).isEqualTo(Hashes.sha256Hex("CERT|370602198512310041|C-1"));
    }

    @Test
    void courseNamesCompareByLettersAndDigitsOnly() {
        assertThat(CompletionKey.normaliseCourseName("《ＡＩ素养》 第2讲（上）")).isEqualTo("ai素养第2讲上");
    }

    @Test
    void theFingerprintIgnoresTheSourceAndItsUpdatedAtButNotTheContent() {
        CreditRecord a = record("sdbz", "BZ1", "知识产权", "4", "C-1");
        CreditRecord resent = record("sdbz", "BZ1", "知识产权", "4.0", "C-1");
        CreditRecord corrected = record("sdbz", "BZ1", "知识产权", "5", "C-1");

        assertThat(Fingerprint.of(resent)).isEqualTo(Fingerprint.of(a));
        assertThat(Fingerprint.of(corrected)).isNotEqualTo(Fingerprint.of(a));
    }

    @Test
    void aPagesViewWorksEachRecordsKeysOutOnceAndTheSameAsTheSchemeItViews() {
        int[] calls = new int[3];
        RecordKeys counting = new RecordKeys() {
            @Override
            public String stored(String plain) {
                calls[0]++;
                return "stored:" + plain;
            }

            @Override
            public String provinceKey(CreditRecord r) {
                calls[2]++;
                return CompletionKey.of(r);
            }

            @Override
            public String fingerprint(CreditRecord r) {
                calls[1]++;
                return Fingerprint.of(r);
            }
        };
        CreditRecord a = record("sdbz", "BZ1", "知识产权", "4", null);
        CreditRecord equalButAnother = record("sdbz", "BZ1", "知识产权", "4", null);
        RecordKeys page = RecordKeys.once(counting);

        assertThat(page.completionKey(a)).isEqualTo("stored:" + CompletionKey.of(a)).isEqualTo(page.completionKey(a));
        assertThat(page.fingerprint(a)).isEqualTo(Fingerprint.of(a)).isEqualTo(page.fingerprint(a));
        // the province's key is the plain one the stored key was worked out from, not worked out again
        assertThat(page.provinceKey(a)).isEqualTo(CompletionKey.of(a));
        page.completionKey(equalButAnother);

        // once per record object: an equal record of its own is worked out again
        assertThat(calls).containsExactly(2, 1, 2);
    }

    private static CreditRecord record(String source, String id, String course, String hours, String certificate) {
        return new CreditRecord(source, "371600", id, LocalDateTime.now(), "370602198512310041", "王秀英", "滨州市人民医院",
                null, "GX2024-005", course, Subject.PUBLIC, Kind.TRAINING, new BigDecimal(hours), Unit.HOURS,
                new BigDecimal(hours), LocalDate.of(2024, 5, 12), certificate, RecordState.ACTIVE);
    }
}
