package cn.shandong.chsync.dedupe;

import cn.shandong.chsync.record.CreditRecord;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * The content of a record, hashed: equal fingerprints make a re-fetched record a replay, a
 * changed one a revision. The platform's updated-at is left out, so a re-send that only touched
 * the timestamp is still a replay.
 */
public final class Fingerprint {

    private Fingerprint() {
    }

    public static String of(CreditRecord r) {
        return Hashes.sha256Hex(String.join("\u001f",
                r.cityCode(), r.idNumber(), r.name(), Objects.toString(r.employerName(), ""),
                Objects.toString(r.employerCode(), ""), Objects.toString(r.courseId(), ""), r.courseName(),
                r.subject().name(), r.kind().name(), plain(r.amount()), r.unit().name(), plain(r.hours()),
                r.completionDate().toString(), Objects.toString(r.certificateNo(), ""), r.state().name()));
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
