package cn.shandong.chsync.simulator;

/** The 18-character unified social credit code of GB 32100, with its mod-31 check character. */
final class Uscc {

    static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private Uscc() {
    }

    static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += CHARSET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        int check = 31 - sum % 31;
        return CHARSET.charAt(check == 31 ? 0 : check);
    }

    static boolean valid(String code) {
        return code != null && code.length() == 18 && code.chars().allMatch(c -> CHARSET.indexOf(c) >= 0)
                && code.charAt(17) == checkCharacter(code);
    }
}
