package cn.shandong.chsync.pull;

import org.slf4j.MDC;

/**
 * The run's id and source id in the log context (MDC) of the thread working for it: every log
 * line of the run carries them ("runId", "sourceId"), in the console pattern and in structured logs.
 */
final class RunLogContext {

    private RunLogContext() {
    }

    static void enter(SyncRun run) {
        MDC.put("runId", Long.toString(run.id()));
        MDC.put("sourceId", run.sourceId());
    }

    static void leave() {
        MDC.remove("runId");
        MDC.remove("sourceId");
    }
}
