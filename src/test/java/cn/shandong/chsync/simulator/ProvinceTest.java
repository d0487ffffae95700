package cn.shandong.chsync.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProvinceTest {

    private static final Population WORLD = new Population(20241231L, 50);
    private final Province province = new Province(WORLD);

    @Test
    void takesNewKeysAndHigherRevisionsAndAnswersTheRestAsDuplicates() {
        Province.Item item = item(filedRecord(), "k1", 1);

        assertThat(province.take(item)).isEqualTo(new Province.Result("k1", 1, "ACCEPTED", null, "已登记"));
        assertThat(province.take(item)).isEqualTo(new Province.Result("k1", 1, "DUPLICATE", null, "已存在相同版本"));
        assertThat(province.take(item(filedRecord(), "k1", 2)).status()).isEqualTo("ACCEPTED");
        assertThat(province.take(item(filedRecord(), "k1", 1)).status()).isEqualTo("DUPLICATE");

        assertThat(province.stats()).containsEntry("accepted", 2).containsEntry("duplicateSubmissions", 2)
                .containsEntry("uniqueKeys", 1).containsEntry("doubleCounted", 0L);
    }

    @Test
    void refusesUnfiledTrainingAndInvalidIdNumbers() {
        SimRecord unfiled = WORLD.versions().stream().filter(r -> r.valid() && r.unfiled()).findFirst().orElseThrow();
        Province.Item filed = item(filedRecord(), "k2", 1);
        Province.Item badId = new Province.Item("k2", 1, "110105194912310021", filed.courseName(), filed.completionDate(),
                null, null);

        assertThat(province.take(item(unfiled, "k1", 1)))
                .isEqualTo(new Province.Result("k1", 1, "REJECTED", "TRAINING_NOT_FILED", "培训项目未备案，学时不予登记"));
        assertThat(province.take(badId)).isEqualTo(new Province.Result("k2", 1, "REJECTED", "ID_NUMBER_INVALID", "身份证号码无效"));
        assertThat(province.stats()).containsEntry("rejected", 2).containsEntry("uniqueKeys", 0);
    }

    @Test
    void aRevokedRevisionWithdrawsTheCreditButKeepsTheKey() {
        Province.Item first = item(filedRecord(), "k1", 2);
        Province.Item revoked = new Province.Item("k1", 2, first.idNumber(), first.courseName(), first.completionDate(),
                "REVOKED", null);

        province.take(item(filedRecord(), "k1", 1));
        assertThat(province.take(revoked).status()).isEqualTo("ACCEPTED");

        assertThat(province.stats()).containsEntry("uniqueKeys", 0).containsEntry("revoked", 1).containsEntry("accepted", 2);
    }

    @Test
    void countsOneTrueCompletionHeldUnderTwoKeysAsDoubleCounted() {
        SimRecord record = filedRecord();

        province.take(item(record, "k1", 1));
        province.take(item(record, "k2", 1));

        assertThat(province.stats()).containsEntry("uniqueKeys", 2).containsEntry("doubleCounted", 1L);
    }

    @Test
    void countsTheCompletionAKeysLatestRevisionReports() {
        List<SimRecord> filed = WORLD.versions().stream().filter(r -> r.valid() && !r.unfiled()).limit(2).toList();

        province.take(item(filed.get(0), "k1", 1));
        province.take(item(filed.get(1), "k2", 1));
        assertThat(province.stats()).containsEntry("doubleCounted", 0L);

        // k2's correction reports the completion k1 holds: one true completion, two keys
        province.take(item(filed.get(0), "k2", 2));
        assertThat(province.stats()).containsEntry("uniqueKeys", 2).containsEntry("doubleCounted", 1L);
    }

    private static SimRecord filedRecord() {
        return WORLD.versions().stream().filter(r -> r.valid() && !r.unfiled()).findFirst().orElseThrow();
    }

    private static Province.Item item(SimRecord r, String key, int revision) {
        return new Province.Item(key, revision, ((String) r.fields().get("sfzh")).strip().toUpperCase(),
                (String) r.fields().get("kcmc"), ((String) r.fields().get("hgsj")).substring(0, 10), "VALID", null);
    }
}
