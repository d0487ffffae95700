package cn.shandong.chsync.pull;

import cn.shandong.chsync.dedupe.PagePlan.Counts;
import cn.shandong.chsync.mapping.MappedRecord;
import cn.shandong.chsync.mapping.PageFormatException;
import cn.shandong.chsync.mapping.PageReader;
import cn.shandong.chsync.record.CreditRecord;
import cn.shandong.chsync.record.ReasonCode;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.converter.stream.InputStreamCache;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * One fetched page: read in its format, each item mapped and validated, the whole page
 * committed with the checkpoint of the page after it, and the route told whether one is due.
 */
@Component("pageIngest")
public class PageIngest {

    /** How far ahead of our clock a platform's update time may be and still move the cursor. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /** Exchange property: when the page's request was sent (System.nanoTime), its deadline counted from it. */
    public static final String REQUESTED_AT = "pageRequestedAt";

    private final SourceCatalog catalog;
    private final PageStore store;
    private final long maxPageBytes;
    private final Clock clock;
    private final MeterRegistry meters;
    private final RunLimits limits;
    private final PageBody reader;

    PageIngest(SourceCatalog catalog, PageStore store, @Value("${sync.pull.max-page-bytes}") long maxPageBytes, Clock clock,
               MeterRegistry meters, RunLimits limits, @Value("${sync.pull.max-compression-ratio}") int maxRatio,
               @Value("${sync.pull.request-deadline}") Duration deadline) {
        this.meters = meters;
        this.limits = limits;
        this.reader = new PageBody(maxPageBytes, maxRatio, deadline);
        this.maxPageBytes = maxPageBytes;
        this.clock = clock.withZone(CreditRecord.ZONE);
        this.catalog = catalog;
        this.store = store;
    }

    public void ingest(Exchange exchange) {
        SyncRun run = exchange.getProperty(SyncRuns.RUN, SyncRun.class);
        byte[] body = bytes(exchange);
        if (body != null && body.length > maxPageBytes) {
            throw new PageFormatException(ReasonCode.PAGE_TOO_LARGE, "the page has " + body.length
                    + " bytes, more than the " + maxPageBytes + " a page may have", new String(body, 0, (int) Math.min(body.length, 4096), StandardCharsets.UTF_8));
        }
        // Kept as bytes, so a redelivery after a transient database failure reads the same page again.
        exchange.getMessage().setBody(body);
        Checkpoint at = run.checkpoint();
        run.pageRead(body == null ? 0 : body.length);
        Mapped page = map(run, body, at);
        String ids = contentOf(page.records());
        if (run.repeatsPreviousPage(ids)) {
            throw new PageFormatException(ReasonCode.PAGE_REPEATED, "page " + at.page()
                    + " holds the same records as the page before: the platform ignores the page asked for", null);
        }
        String nextPage = page.nextPage();
        Checkpoint next = nextPage != null ? at.nextPage(nextPage, page.highWater()) : at.passFinished(page.highWater());
        Counts counts = store.store(run, page.records(), next, page.total());
        run.pageDone(next, counts, ids);
        count(run.sourceId(), counts);
        if (nextPage != null) {
            // no page past a limit: this one is in (committed; or held, and then read again by the next run)
            limits.check(run);
        }
        exchange.setProperty(SyncRuns.MORE_PAGES, nextPage != null);
    }

    /**
     * What a page holds, to be told from the page before: each record's id with its content, so
     * that a record corrected on the next page (a page of one record, or every record of a page
     * edited while the pass ran) is a correction, and only the very same page again a repeat.
     */
    static String contentOf(List<MappedRecord> records) {
        return records.stream().map(r -> r.sourceRecordId() + ":" + Integer.toHexString(r.hashCode()))
                .collect(Collectors.joining(","));
    }

    /**
     * A page read and mapped: its records, the cursor's high-water mark with them, the page after
     * it (null when it ends the pass) and the total its platform gave (null when it gave none).
     */
    private record Mapped(List<MappedRecord> records, LocalDateTime highWater, String nextPage, Long total) {
    }

    /**
     * Reads and maps a page, leaving its parsed form behind: a record keeps its item only where it
     * may still be filed for support with it (it is invalid), so the tree of a page, several times
     * its bytes, is garbage before the page is stored. Kept with every page in flight until each
     * was stored, it was what the service's young collections copied and promoted, and their
     * pauses a visible share of a re-read (bench/HISTORY.md).
     */
    private Mapped map(SyncRun run, byte[] body, Checkpoint at) {
        PageReader.Page page = catalog.reader(run.sourceId()).read(body);
        List<MappedRecord> mapped = new ArrayList<>(page.items().size());
        LocalDateTime highWater = at.passHighWater();
        // A record stamped in the future (a platform clock gone wrong) must not carry the cursor
        // past every record still to come: it is refused (UPDATED_IN_FUTURE) and moves nothing.
        LocalDateTime latest = LocalDateTime.now(clock).plus(CLOCK_SKEW);
        for (JsonNode item : page.items()) {
            MappedRecord record = catalog.mapper(run.sourceId()).map(item);
            mapped.add(record);
            LocalDateTime cursor = record.cursorValue();
            if (cursor != null && !cursor.isAfter(latest) && (highWater == null || cursor.isAfter(highWater))) {
                highWater = cursor;
            }
        }
        mapped.replaceAll(r -> r.valid() ? r.withoutItem() : r);
        return new Mapped(mapped, highWater, catalog.pager(run.sourceId()).next(at.page(), page), page.total());
    }

    /**
     * Records per source by what became of them: fetched, stored (new or revised, to be pushed),
     * duplicate (a replay or another source's completion), quarantined and superseded (an older
     * copy of the same pass).
     */
    private void count(String sourceId, Counts counts) {
        meters.counter("chsync.records.fetched", "source", sourceId).increment(counts.fetched());
        meters.counter("chsync.records.stored", "source", sourceId).increment(counts.newRecords() + counts.revisions());
        meters.counter("chsync.records.duplicate", "source", sourceId)
                .increment(counts.replays() + counts.crossSourceDuplicates());
        meters.counter("chsync.records.quarantined", "source", sourceId).increment(counts.quarantined());
        meters.counter("chsync.records.superseded", "source", sourceId).increment(counts.superseded());
    }

    /**
     * An answer read within a page's limits, as its bytes: a page's (route pull, before ingest), a
     * login's, a connection test's (route platform-answer).
     */
    public void readAnswer(Exchange exchange) {
        exchange.getMessage().setBody(bytes(exchange));
    }

    /**
     * The page as bytes: the platform's answer read as it arrives, within the page's limits
     * (PageBody). A body cached whole (a redelivery's, or a test's) is read out in one copy of its
     * size, not converted through a buffer that grows as it goes and is copied again.
     */
    private byte[] bytes(Exchange exchange) {
        Message message = exchange.getMessage();
        if (message.getBody() instanceof java.io.InputStream answer && !(answer instanceof InputStreamCache)) {
            // the platform's answer as it arrives (the route's http endpoint caches nothing): measured as it is read
            Long requested = exchange.getProperty(REQUESTED_AT, Long.class);
            try {
                return reader.read(answer, message.getHeader("Content-Encoding", String.class),
                        requested == null ? System.nanoTime() : requested);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        if (message.getBody() instanceof InputStreamCache cached) {
            cached.reset();
            return cached.readAllBytes();
        }
        return message.getBody(byte[].class);
    }
}
