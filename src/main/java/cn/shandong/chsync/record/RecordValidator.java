package cn.shandong.chsync.record;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The rules a mapped record must meet before it may reach the credit-hour bank. */
public final class RecordValidator {

    /** Column widths of credit_record; longer text is refused rather than cut. */
    private static final int NAME_MAX = 50;
    private static final int TEXT_MAX = 200;
    private static final int CODE_MAX = 64;

    private final BigDecimal maxHours;
    private final LocalDate earliest;
    private final int lastCreditYear;
    private final Clock clock;

    /** @param lastCreditYear the last study year counted in 学分 (2019: 2020 on counts 学时) */
    public RecordValidator(BigDecimal maxHours, LocalDate earliest, int lastCreditYear, Clock clock) {
        this.maxHours = maxHours;
        this.earliest = earliest;
        this.lastCreditYear = lastCreditYear;
        this.clock = clock;
    }

    public List<Violation> check(CreditRecord r) {
        List<Violation> found = new ArrayList<>();
        if (r.hours().signum() <= 0) {
            found.add(new Violation(ReasonCode.HOURS_NOT_POSITIVE, "hours must be positive, got " + r.hours().toPlainString()));
        } else if (r.hours().compareTo(maxHours) > 0) {
            found.add(new Violation(ReasonCode.HOURS_TOO_LARGE,
                    r.hours().toPlainString() + " 学时 is more than the " + maxHours.toPlainString() + " one record may carry"));
        }
        if (r.unit() == Unit.CREDITS && r.studyYear() > lastCreditYear) {
            found.add(new Violation(ReasonCode.CREDITS_AFTER_CREDIT_YEARS, "an amount in 学分 for " + r.studyYear()
                    + "; the credit system ended with " + lastCreditYear + " and later years count 学时"));
        }
        LocalDate today = LocalDate.now(clock);
        if (r.completionDate().isAfter(today)) {
            found.add(new Violation(ReasonCode.DATE_IN_FUTURE, "completion date " + r.completionDate() + " is after today (" + today + ")"));
        } else if (r.completionDate().isBefore(earliest)) {
            found.add(new Violation(ReasonCode.DATE_BEFORE_MIN, "completion date " + r.completionDate() + " is before " + earliest));
        }
        tooLong("name", r.name(), NAME_MAX, found);
        tooLong("employer name", r.employerName(), TEXT_MAX, found);
        tooLong("course name", r.courseName(), TEXT_MAX, found);
        tooLong("source record id", r.sourceRecordId(), CODE_MAX, found);
        tooLong("course id", r.courseId(), CODE_MAX, found);
        tooLong("certificate number", r.certificateNo(), CODE_MAX, found);
        if (r.employerCode() != null && r.employerCode().length() != 18) {
            found.add(new Violation(ReasonCode.EMPLOYER_CODE_INVALID,
                    "employer code must have the 18 characters of GB 32100, got " + r.employerCode().length()));
        }
        return found;
    }

    private static void tooLong(String what, String value, int max, List<Violation> found) {
        if (value != null && value.codePointCount(0, value.length()) > max) {
            found.add(new Violation(ReasonCode.FIELD_TOO_LONG,
                    what + " has " + value.codePointCount(0, value.length()) + " characters, at most " + max + " allowed"));
        }
    }
}
