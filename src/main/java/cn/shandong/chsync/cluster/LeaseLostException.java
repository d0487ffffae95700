package cn.shandong.chsync.cluster;

/** Another instance took the source's lease (this one stalled past it): the page must not commit. */
class LeaseLostException extends RuntimeException {

    LeaseLostException(String sourceId, long runId) {
        super("run " + runId + " lost the lease of source " + sourceId + " to another instance");
    }
}
