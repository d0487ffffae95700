package cn.shandong.chsync.simulator;

/**
 * One simulated platform: its source id, the city whose people study on it (370000 for the
 * provincial public-course platforms, open to everyone), the prefix of its record ids, the
 * vendor whose API and format it speaks, whether it teaches public subjects only, whether it
 * also lists its members' completions from the provincial public-course platforms, and the
 * prefix of the copies it exports from people's provincial accounts (null: none).
 */
record PlatformSpec(String id, String cityCode, String recordPrefix, Vendor vendor, boolean publicOnly,
                    boolean importsProvincial, String accountCopyPrefix) {

    static final String PROVINCE = "370000";

    boolean provincial() {
        return PROVINCE.equals(cityCode);
    }
}
