package cn.shandong.chsync.simulator;

import java.util.List;

/** The platforms the simulators serve, one per mapping file in mappings/. */
final class Platforms {

    static final List<PlatformSpec> ALL = List.of(
            // Binzhou's city platform also exports the copies from people's provincial accounts.
            new PlatformSpec("sdbz", "371600", "BZ", Vendor.YXLEARNING, false, false, "SD"),
            new PlatformSpec("sdwh", "371000", "WH", Vendor.YXLEARNING, false, false, null),
            // Yantai's bases; the two on yxlearning list their members' provincial public courses too.
            new PlatformSpec("sdld", "370600", "LD", Vendor.YXLEARNING, false, true, null),
            new PlatformSpec("swzj", "370600", "SW", Vendor.YXLEARNING, false, true, null),
            new PlatformSpec("yttyjrp", "370600", "TY", Vendor.TYJRP, false, false, null),
            new PlatformSpec("ytuzj", "370600", "YD", Vendor.NET111, false, false, null),
            new PlatformSpec("zjhuaxue", "370600", "HX", Vendor.HUAXUEDU, false, false, null),
            new PlatformSpec("ytsamet", "370600", "SM", Vendor.HUAXUEDU, false, false, null),
            new PlatformSpec("ytsnky", "370600", "NK", Vendor.NET111, false, false, null),
            new PlatformSpec("wfjd", "370700", "WF", Vendor.YXLEARNING, false, false, null),
            // The provincial public-course platforms, open to everyone.
            new PlatformSpec("zjzd", PlatformSpec.PROVINCE, "ZD", Vendor.ZHIDAO, true, false, null),
            new PlatformSpec("sdou", PlatformSpec.PROVINCE, "OU", Vendor.ZHIDAO, true, false, null),
            new PlatformSpec("xkyx", PlatformSpec.PROVINCE, "XK", Vendor.ZHIDAO, true, false, null));

    private Platforms() {
    }

    static PlatformSpec find(String id) {
        return ALL.stream().filter(p -> p.id().equals(id)).findFirst().orElse(null);
    }
}
