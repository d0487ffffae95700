package cn.shandong.chsync.mapping;

import cn.shandong.chsync.record.ReasonCode;

/** A page came back but is not what the mapping describes: not parseable, or the platform said no. */
public class PageFormatException extends RuntimeException {

    private final ReasonCode reason;
    private final String page;

    public PageFormatException(ReasonCode reason, String message, String page) {
        super(message);
        this.reason = reason;
        this.page = page;
    }

    public ReasonCode reason() {
        return reason;
    }

    public String page() {
        return page;
    }
}
