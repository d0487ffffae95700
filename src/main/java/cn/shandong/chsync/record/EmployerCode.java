package cn.shandong.chsync.record;

/** The 18-character unified social credit code of GB 32100, with its mod-31 check character. */
public final class EmployerCode {

    /** The 31 characters a code may use: digits and capitals without I, O, S, V and Z. */
    public static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private EmployerCode() {
    }

    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += CHARSET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        int check = 31 - sum % 31;
        return CHARSET.charAt(check == 31 ? 0 : check);
    }

    /** Why {@code code} (upper-case) is not a unified social credit code, or null when it is one. */
    public static String problem(String code) {
        if (code.length() != 18) {
            return "employer code must have the 18 characters of GB 32100, got " + code.length();
        }
        for (int i = 0; i < code.length(); i++) {
            if (CHARSET.indexOf(code.charAt(i)) < 0) {
                return "employer code holds '" + code.charAt(i) + "', which GB 32100 does not use";
            }
        }
        char expected = checkCharacter(code);
        return code.charAt(17) == expected ? null
                : "employer code ends in " + code.charAt(17) + " but its check character is " + expected;
    }
}
