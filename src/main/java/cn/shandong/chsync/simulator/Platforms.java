package cn.shandong.chsync.simulator;

import java.util.List;

/** The platforms the simulators serve, one per mapping file in mappings/. */
final class Platforms {

    static final List<PlatformSpec> ALL = List.of(
            new PlatformSpec("sdbz", "371600", "BZ", Vendor.YXLEARNING, false, false, "SD"));

    private Platforms() {
    }

    static PlatformSpec find(String id) {
        return ALL.stream().filter(p -> p.id().equals(id)).findFirst().orElse(null);
    }
}
