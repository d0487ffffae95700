package cn.shandong.chsync.pull;

import cn.shandong.chsync.mapping.MappingDefinition;
import cn.shandong.chsync.record.ReasonCode;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How far one run may go: pages, records and wall time (sync.pull.run-limits, a mapping's
 * {@code limits} for its platform). A platform that hands out new next-page tokens for ever, or
 * full pages with no total, or drips its pages, would otherwise hold its source, and a thread,
 * for good. Checked after each page is in: past a limit the run ends FAILED with the limit's own
 * reason code, its checkpoint at the last page committed, and the other sources go on.
 */
@Component
class RunLimits {

    private final int maxPages;
    private final int maxRecords;
    private final Duration maxDuration;
    private final SourceCatalog catalog;

    RunLimits(@Value("${sync.pull.run-limits.max-pages}") int maxPages, @Value("${sync.pull.run-limits.max-records}") int maxRecords,
              @Value("${sync.pull.run-limits.max-duration}") Duration maxDuration, SourceCatalog catalog) {
        this.maxPages = maxPages;
        this.maxRecords = maxRecords;
        this.maxDuration = maxDuration;
        this.catalog = catalog;
    }

    /** Thrown past a limit; PullFailure files it under its reason. */
    static final class Exceeded extends RuntimeException {

        private final ReasonCode reason;

        Exceeded(ReasonCode reason, String message) {
            super(message);
            this.reason = reason;
        }

        ReasonCode reason() {
            return reason;
        }
    }

    /** Before the run asks for another page: refuses one past a limit. */
    void check(SyncRun run) {
        MappingDefinition.Limits own = catalog.get(run.sourceId()).limits();
        int pages = own != null && own.maxPages() != null ? own.maxPages() : maxPages;
        int records = own != null && own.maxRecords() != null ? own.maxRecords() : maxRecords;
        Duration duration = own != null && own.maxDuration() != null ? own.maxDuration() : maxDuration;
        if (run.pages() >= pages) {
            throw new Exceeded(ReasonCode.RUN_PAGE_LIMIT, "the run read " + run.pages() + " pages and the platform offers "
                    + "more; a run reads at most " + pages + " (sync.pull.run-limits.max-pages, or the mapping's limits)");
        }
        // the records of pages held, not classified yet, were read too
        int read = run.fetched() + run.uncommitted().heldRecords();
        if (read >= records) {
            throw new Exceeded(ReasonCode.RUN_RECORD_LIMIT, "the run read " + read + " records and the platform "
                    + "offers more; a run reads at most " + records + " (sync.pull.run-limits.max-records, or the mapping's limits)");
        }
        if (run.elapsed().compareTo(duration) >= 0) {
            throw new Exceeded(ReasonCode.RUN_TIME_LIMIT, "the run took " + run.elapsed().toSeconds() + " s and the platform "
                    + "offers more; a run takes at most " + duration + " (sync.pull.run-limits.max-duration, or the mapping's limits)");
        }
    }
}
