package cn.shandong.chsync.dedupe;

import cn.shandong.chsync.record.CreditRecord;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One completion, wherever it was reported. The certificate number identifies it when the
 * platform gives one (with the ID number, since two issuers may number alike); otherwise the
 * person, the normalised course name, the date, the hours and the subject do. The key of a
 * record's first version stays its key: a correction is a revision, not a new completion.
 */
public final class CompletionKey {

    private static final Pattern NOT_A_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{N}]+");

    private CompletionKey() {
    }

    public static String of(CreditRecord r) {
        String basis = r.certificateNo() != null
                ? "CERT|" + r.idNumber() + "|" + r.certificateNo().strip().toUpperCase(Locale.ROOT)
                : String.join("|", "COURSE", r.idNumber(), normaliseCourseName(r.courseName()),
                        r.completionDate().toString(), r.hours().stripTrailingZeros().toPlainString(), r.subject().name());
        return Hashes.sha256Hex(basis);
    }

    /** 《数字技术 与数字经济》 and 数字技术与数字经济 name the same course: compare letters and digits only. */
    static String normaliseCourseName(String name) {
        String folded = Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return NOT_A_LETTER_OR_DIGIT.matcher(folded).replaceAll("");
    }
}
