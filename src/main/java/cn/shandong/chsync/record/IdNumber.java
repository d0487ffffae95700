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

    /**
     * The text with everything in it shaped like an ID number masked: for free text that may hold
     * one, a message, a platform's or the province's error, a name someone typed. Caught: 18
     * characters (17 digits and a check digit or X) and the old 15-digit form, in ASCII or
     * full-width digits, written whole or in groups split by single spaces, full-width spaces or
     * hyphens ("3716 0219 8001 0100 48"); a number glued to more digits is not one. One pass with
     * no pattern, so a megabyte of digits and spaces costs linear time.
     */
    public static String maskAny(String text) {
        if (text == null) {
            return null;
        }
        // the groups of digits: where each starts and ends, and its length (with a closing X)
        int n = text.length();
        int[] starts = new int[16];
        int[] ends = new int[16];
        boolean[] xs = new boolean[16];
        int count = 0;
        for (int i = 0; i < n; ) {
            if (digit(text.charAt(i)) < 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && digit(text.charAt(i)) >= 0) {
                i++;
            }
            boolean x = i < n && isX(text.charAt(i)) && (i + 1 >= n || digit(text.charAt(i + 1)) < 0);
            if (x) {
                i++;
            }
            if (count == starts.length) {
                starts = java.util.Arrays.copyOf(starts, count * 2);
                ends = java.util.Arrays.copyOf(ends, count * 2);
                xs = java.util.Arrays.copyOf(xs, count * 2);
            }
            starts[count] = start;
            ends[count] = i;
            xs[count] = x;
            count++;
        }
        if (count == 0) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        int copied = 0;
        int g = 0;
        while (g < count) {
            // a run: groups each parted from the next by one separator
            int last = g;
            while (last + 1 < count && !xs[last] && starts[last + 1] == ends[last] + 1 && isSeparator(text.charAt(ends[last]))) {
                last++;
            }
            // every window of whole groups 15 or 18 long is masked; group lengths are at least 1, so
            // the end of the shortest window reaching 15 (18) only moves forward: one pass
            int from = -1;
            int maskedTo = -1;
            int end15 = g;
            int end18 = g;
            int[] sums = new int[last - g + 2];
            for (int k = g; k <= last; k++) {
                sums[k - g + 1] = sums[k - g] + ends[k] - starts[k];
            }
            for (int a = g; a <= last; a++) {
                end15 = Math.max(end15, a);
                end18 = Math.max(end18, a);
                while (end15 <= last && sums[end15 - g + 1] - sums[a - g] < 15) {
                    end15++;
                }
                while (end18 <= last && sums[end18 - g + 1] - sums[a - g] < 18) {
                    end18++;
                }
                boolean is15 = end15 <= last && sums[end15 - g + 1] - sums[a - g] == 15 && !xs[end15];
                boolean is18 = end18 <= last && sums[end18 - g + 1] - sums[a - g] == 18;
                if (is15 || is18) {
                    if (from >= 0 && a > maskedTo) {
                        copied = masked(text, starts[from], ends[maskedTo], out, copied);
                        from = -1;
                    }
                    if (from < 0) {
                        from = a;
                    }
                    maskedTo = Math.max(maskedTo, is18 ? end18 : end15);
                }
            }
            if (from >= 0) {
                copied = masked(text, starts[from], ends[maskedTo], out, copied);
            }
            g = last + 1;
        }
        return copied == 0 ? text : out.append(text, copied, n).toString();
    }

    /** Copies the text up to start, then start..end masked as one number; answers where the copy now is. */
    private static int masked(String text, int start, int end, StringBuilder out, int copied) {
        StringBuilder number = new StringBuilder();
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            int d = digit(c);
            if (d >= 0) {
                number.append((char) ('0' + d));
            } else if (isX(c)) {
                number.append('X');
            }
        }
        out.append(text, copied, start).append(mask(number.toString()));
        return end;
    }

    private static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        return c >= '\uFF10' && c <= '\uFF19' ? c - '\uFF10' : -1;
    }

    private static boolean isX(char c) {
        return c == 'X' || c == 'x' || c == '\uFF38' || c == '\uFF58';
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '\u3000' || c == '-';
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
