package cn.shandong.chsync.record;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * The 18-character resident ID number of GB 11643: a 6-digit region code, an 8-digit birth date,
 * a 3-digit sequence and a mod-11 check character (0-9 or X).
 */
public final class IdNumber {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK_CHARACTERS = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private IdNumber() {
    }

    /** The check character for the first 17 digits of an ID number. */
    public static char checkCharacter(CharSequence first17) {
        if (first17.length() < 17) {
            throw new IllegalArgumentException("need 17 digits, got " + first17.length());
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARACTERS[sum % 11];
    }

    /**
     * Normalises and checks a raw ID number as a platform sent it: surrounding white space is
     * removed and a lower-case x becomes X; anything else wrong is a {@link Problem}.
     */
    public static Result check(String raw) {
        if (raw == null || raw.isBlank()) {
            return Result.problem(ReasonCode.ID_NUMBER_MISSING, "the ID number is empty");
        }
        String value = raw.strip().toUpperCase(java.util.Locale.ROOT);
        if (value.codePoints().anyMatch(IdNumber::isFullWidth)) {
            return Result.problem(ReasonCode.ID_NUMBER_FULLWIDTH,
                    "the ID number contains full-width characters; the platform must send ASCII digits");
        }
        if (value.length() == 15 && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Result.problem(ReasonCode.ID_NUMBER_FORMAT,
                    "a 15-digit legacy ID number; the 18-character number is required");
        }
        if (value.length() != 18 || !value.substring(0, 17).chars().allMatch(c -> c >= '0' && c <= '9')
                || !(Character.isDigit(value.charAt(17)) || value.charAt(17) == 'X')) {
            return Result.problem(ReasonCode.ID_NUMBER_FORMAT,
                    "an ID number has 17 digits and a check character 0-9 or X; got " + value.length() + " characters");
        }
        if (!validBirthDate(value)) {
            return Result.problem(ReasonCode.ID_NUMBER_BIRTH_DATE,
                    "the birth date " + value.substring(6, 14) + " inside the ID number is not a real date");
        }
        char expected = checkCharacter(value);
        if (value.charAt(17) != expected) {
            return Result.problem(ReasonCode.ID_NUMBER_CHECKSUM,
                    "the check character is " + value.charAt(17) + " but GB 11643 gives " + expected);
        }
        return new Result(value, null, null);
    }

    /** First 6 and last 4 characters, the rest as '*': what a person may see without the right to more. */
    public static String mask(String idNumber) {
        if (idNumber == null) {
            return null;
        }
        String v = idNumber.strip();
        if (v.length() <= 10) {
            return "*".repeat(v.length());
        }
        return v.substring(0, 6) + "*".repeat(v.length() - 10) + v.substring(v.length() - 4);
    }

    private static final java.util.regex.Pattern ID_LIKE = java.util.regex.Pattern.compile("(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])");

    /**
     * The text with everything in it shaped like an ID number (17 digits and a check character)
     * masked: for free text that may hold one, a message or a name someone typed.
     */
    public static String maskAny(String text) {
        return text == null ? null : ID_LIKE.matcher(text).replaceAll(m -> mask(m.group()));
    }

    private static boolean isFullWidth(int codePoint) {
        return codePoint >= 0xFF01 && codePoint <= 0xFF5E;
    }

    private static boolean validBirthDate(String value) {
        try {
            LocalDate birth = LocalDate.of(Integer.parseInt(value.substring(6, 10)),
                    Integer.parseInt(value.substring(10, 12)), Integer.parseInt(value.substring(12, 14)));
            return birth.getYear() >= 1900 && !birth.isAfter(LocalDate.now());
        } catch (DateTimeException e) {
            return false;
        }
    }

    /** The normalised number, or the reason it is not one. */
    public record Result(String value, ReasonCode problem, String message) {

        static Result problem(ReasonCode code, String message) {
            return new Result(null, code, message);
        }

        public boolean valid() {
            return problem == null;
        }
    }
}
