package cn.shandong.chsync.simulator;

import java.util.Map;

/**
 * The vendors behind the simulated platforms: the path of their study-record API and how they
 * write a record. The world keeps every record in yxlearning's shape; a vendor renders it in its
 * own when a page is served.
 */
enum Vendor {

    /** *.yxlearning.com: JSON pages by page number, pinyin field names, "6.0学时". */
    YXLEARNING("/api/open/study-records") {
        @Override
        Map<String, Object> render(Map<String, Object> record) {
            return record;
        }
    };

    private final String path;

    Vendor(String path) {
        this.path = path;
    }

    String path() {
        return path;
    }

    abstract Map<String, Object> render(Map<String, Object> record);
}
