package cn.shandong.chsync.source;

import cn.shandong.chsync.record.ReasonCode;

/** A page came back but is not what the mapping describes: not parseable, or the platform said no. */
class PageFormatException extends RuntimeException {

    private final ReasonCode reason;
    private final String page;

    PageFormatException(ReasonCode reason, String message, String page) {
        super(message);
        this.reason = reason;
        this.page = page;
    }

    ReasonCode reason() {
        return reason;
    }

    String page() {
        return page;
    }
}
