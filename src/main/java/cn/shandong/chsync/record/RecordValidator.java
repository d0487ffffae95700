package cn.shandong.chsync.record;

import java.lang.Character.UnicodeScript;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The rules a mapped record must meet before it may reach the credit-hour bank. The first
 * violation found names the record's reason code, so the checks run from the broadest defect
 * (text that is not text) to the narrowest.
 */
public final class RecordValidator {

    /** Column widths of credit_record; longer text is refused rather than cut. */
    private static final int NAME_MAX = 50;
    private static final int TEXT_MAX = 200;
    private static final int CODE_MAX = 64;
    /** The bank keeps 学时 to two decimals (DECIMAL(8,2)); more would be rounded without a word. */
    private static final int HOURS_SCALE = 2;
    /** How far ahead of our clock a platform's clock may be before its update times are refused. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /** Scripts of the names on resident ID cards: Chinese, Latin, and the minority scripts in use. */
    private static final Set<UnicodeScript> NAME_SCRIPTS = EnumSet.of(UnicodeScript.HAN, UnicodeScript.LATIN,
            UnicodeScript.ARABIC, UnicodeScript.TIBETAN, UnicodeScript.MONGOLIAN, UnicodeScript.YI, UnicodeScript.CYRILLIC);
    /** Separators inside a name: 阿依古丽·买买提 (with any of the dots platforms use), Jean-Pierre, O'Neil. */
    private static final String NAME_SEPARATORS = " ·•・.-'";

    private final BigDecimal maxHours;
    private final LocalDate earliest;
    private final int lastCreditYear;
    private final Clock clock;

    /** @param lastCreditYear the last study year counted in 学分 (2019: 2020 on counts 学时) */
    public RecordValidator(BigDecimal maxHours, LocalDate earliest, int lastCreditYear, Clock clock) {
        this.maxHours = maxHours;
        this.earliest = earliest;
        this.lastCreditYear = lastCreditYear;
        this.clock = clock.withZone(CreditRecord.ZONE);
    }

    public List<Violation> check(CreditRecord r) {
        List<Violation> found = new ArrayList<>();
        text("name", r.name(), found);
        text("employer name", r.employerName(), found);
        text("employer code", r.employerCode(), found);
        text("course id", r.courseId(), found);
        text("course name", r.courseName(), found);
        text("certificate number", r.certificateNo(), found);
        text("source record id", r.sourceRecordId(), found);
        if (found.isEmpty()) {
            name(r.name(), found);
        }
        tooLong("name", r.name(), NAME_MAX, found);
        tooLong("employer name", r.employerName(), TEXT_MAX, found);
        tooLong("course name", r.courseName(), TEXT_MAX, found);
        tooLong("source record id", r.sourceRecordId(), CODE_MAX, found);
        tooLong("course id", r.courseId(), CODE_MAX, found);
        tooLong("certificate number", r.certificateNo(), CODE_MAX, found);
        if (r.employerCode() != null) {
            String problem = EmployerCode.problem(r.employerCode());
            if (problem != null) {
                found.add(new Violation(ReasonCode.EMPLOYER_CODE_INVALID, problem));
            }
        }
        hours(r, found);
        dates(r, found);
        return found;
    }

    /**
     * Text that a person could have typed: no replacement characters, no controls, no markup.
     *
     * <p>One pass over the text, markup included. Markup is the start of a tag ("<b", "< / p",
     * "<!--", "<?xml") or an entity ("&amp;", "&#39;"), scanned by hand: the pattern it replaces,
     * {@code <\s*\/?\s*[A-Za-z!?]}, has two unbounded runs of the same characters side by side and
     * backtracked quadratically on a "<" and a long run of spaces. Where a "<" or "&" opens, the
     * spaces, slash, hash and letters that may follow it are read on from there and the pass goes
     * on after them, for they are printable ASCII and need no other check: every character is read
     * once. A second pass for markup read a hostile megabyte (an entity that never closes) again,
     * and both passes ran in the JIT's slow profiling code for as long as the optimised code was
     * still queued on a busy machine.
     */
    private static void text(String what, String value, List<Violation> found) {
        if (value == null) {
            return;
        }
        int n = value.length();
        boolean markup = false;
        for (int i = 0; i < n; ) {
            char c = value.charAt(i);
            if (c >= ' ' && c < 0x7F) {
                // printable ASCII, the most of what platforms send: no table look-up needed
                i = markup || (c != '<' && c != '&') ? i + 1 : c == '<' ? afterTagOpener(value, i) : afterEntityOpener(value, i);
                if (i < 0) {
                    markup = true;
                    i = -i;
                }
                continue;
            }
            int cp = value.codePointAt(i);
            int type = Character.getType(cp);
            if (cp == 0xFFFD || type == Character.SURROGATE || type == Character.UNASSIGNED) {
                found.add(new Violation(ReasonCode.TEXT_ENCODING_BROKEN, what + " holds bytes that are not text in the page's "
                        + "charset (U+" + hex(cp) + " at " + i + "): the platform wrote it in another encoding"));
                return;
            }
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.PRIVATE_USE) {
                found.add(new Violation(ReasonCode.TEXT_CONTROL_CHARACTERS, what + " holds the invisible or control character U+"
                        + hex(cp) + " at " + i));
                return;
            }
            i += Character.charCount(cp);
        }
        if (markup) {
            found.add(new Violation(ReasonCode.TEXT_MARKUP, what + " holds HTML or XML markup"));
        }
    }

    /**
     * After the "<" at {@code at}: where the pass goes on, negated where a tag starts there
     * ({@code <\s*\/?\s*[A-Za-z!?]}). Of the pattern's white space only the space is read: any
     * other is a control character, which the pass stops at as before.
     */
    private static int afterTagOpener(String value, int at) {
        int n = value.length();
        int j = spaces(value, at + 1);
        if (j < n && value.charAt(j) == '/') {
            j = spaces(value, j + 1);
        }
        if (j < n) {
            char c = value.charAt(j);
            if (isAsciiLetter(c) || c == '!' || c == '?') {
                return -j;
            }
        }
        return j;
    }

    /** After the "&" at {@code at}: where the pass goes on, negated where an entity ({@code &#?[A-Za-z0-9]+;}) is there. */
    private static int afterEntityOpener(String value, int at) {
        int n = value.length();
        int j = at + 1;
        if (j < n && value.charAt(j) == '#') {
            j++;
        }
        int start = j;
        while (j < n) {
            char c = value.charAt(j);
            if (!isAsciiLetter(c) && (c < '0' || c > '9')) {
                break;
            }
            j++;
        }
        return j > start && j < n && value.charAt(j) == ';' ? -j : j;
    }

    private static int spaces(String value, int from) {
        int j = from;
        while (j < value.length() && value.charAt(j) == ' ') {
            j++;
        }
        return j;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static void name(String name, List<Violation> found) {
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            boolean letter = Character.isLetter(cp) && NAME_SCRIPTS.contains(UnicodeScript.of(cp));
            if (!letter && NAME_SEPARATORS.indexOf(cp) < 0) {
                found.add(new Violation(ReasonCode.NAME_INVALID_CHARACTERS, "a name is letters of a script on ID cards and "
                        + "separators; U+" + hex(cp) + " at " + i + " is neither"));
                return;
            }
            i += Character.charCount(cp);
        }
    }

    private void hours(CreditRecord r, List<Violation> found) {
        if (r.unit() == Unit.POINTS) {
            // Points are not 学时: the 学时 cap does not hold them (4,000 学习强国 points are 5 学时 at most,
            // converted by the compliance rules), but they must be a positive count the bank can keep.
            if (r.amount().signum() <= 0) {
                found.add(new Violation(ReasonCode.HOURS_NOT_POSITIVE, "points must be positive, got " + r.amount().toPlainString()));
            } else if (r.amount().stripTrailingZeros().scale() > HOURS_SCALE) {
                found.add(new Violation(ReasonCode.HOURS_TOO_PRECISE, r.amount().toPlainString() + " has more than "
                        + HOURS_SCALE + " decimals"));
            }
            return;
        }
        if (r.hours().signum() <= 0) {
            found.add(new Violation(ReasonCode.HOURS_NOT_POSITIVE, "hours must be positive, got " + r.hours().toPlainString()));
        } else if (r.hours().compareTo(maxHours) > 0) {
            found.add(new Violation(ReasonCode.HOURS_TOO_LARGE,
                    r.hours().toPlainString() + " 学时 is more than the " + maxHours.toPlainString() + " one record may carry"));
        } else if (r.amount().stripTrailingZeros().scale() > HOURS_SCALE || r.hours().stripTrailingZeros().scale() > HOURS_SCALE) {
            found.add(new Violation(ReasonCode.HOURS_TOO_PRECISE, r.amount().toPlainString() + " has more than "
                    + HOURS_SCALE + " decimals; the bank keeps 学时 to " + HOURS_SCALE));
        }
        if (r.unit() == Unit.CREDITS && r.studyYear() > lastCreditYear) {
            found.add(new Violation(ReasonCode.CREDITS_AFTER_CREDIT_YEARS, "an amount in 学分 for " + r.studyYear()
                    + "; the credit system ended with " + lastCreditYear + " and later years count 学时"));
        }
    }

    private void dates(CreditRecord r, List<Violation> found) {
        // One reading of the clock: the record's two checks are against the same moment.
        LocalDateTime now = LocalDateTime.now(clock);
        LocalDate today = now.toLocalDate();
        if (r.completionDate().isAfter(today)) {
            found.add(new Violation(ReasonCode.DATE_IN_FUTURE, "completion date " + r.completionDate() + " is after today (" + today + ")"));
        } else if (r.completionDate().isBefore(earliest)) {
            found.add(new Violation(ReasonCode.DATE_BEFORE_MIN, "completion date " + r.completionDate() + " is before " + earliest));
        }
        LocalDateTime latest = now.plus(CLOCK_SKEW);
        if (r.sourceUpdatedAt() != null && r.sourceUpdatedAt().isAfter(latest)) {
            found.add(new Violation(ReasonCode.UPDATED_IN_FUTURE, "updated " + r.sourceUpdatedAt()
                    + ", after our clock's " + latest.minus(CLOCK_SKEW).withNano(0) + ": the platform's clock is wrong"));
        }
    }

    private static void tooLong(String what, String value, int max, List<Violation> found) {
        if (value != null && value.codePointCount(0, value.length()) > max) {
            found.add(new Violation(ReasonCode.FIELD_TOO_LONG,
                    what + " has " + value.codePointCount(0, value.length()) + " characters, at most " + max + " allowed"));
        }
    }

    private static String hex(int codePoint) {
        return String.format("%04X", codePoint);
    }
}
