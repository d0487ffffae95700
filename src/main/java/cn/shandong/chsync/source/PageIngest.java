package cn.shandong.chsync.source;

import cn.shandong.chsync.dedupe.PagePlan.Counts;
import cn.shandong.chsync.mapping.MappedRecord;
import cn.shandong.chsync.mapping.PageReader;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * One fetched page: read in its format, each item mapped and validated, the whole page
 * committed with the checkpoint of the page after it, and the route told whether one is due.
 */
@Component("pageIngest")
public class PageIngest {

    private final SourceCatalog catalog;
    private final PageStore store;

    PageIngest(SourceCatalog catalog, PageStore store) {
        this.catalog = catalog;
        this.store = store;
    }

    public void ingest(Exchange exchange) {
        SyncRun run = exchange.getProperty(SyncRuns.RUN, SyncRun.class);
        byte[] body = exchange.getMessage().getBody(byte[].class);
        // Kept as bytes, so a redelivery after a transient database failure reads the same page again.
        exchange.getMessage().setBody(body);
        PageReader.Page page = catalog.reader(run.sourceId()).read(body);
        List<MappedRecord> mapped = new ArrayList<>(page.items().size());
        Checkpoint at = run.checkpoint();
        LocalDateTime highWater = at.passHighWater();
        for (PageReader.Item item : page.items()) {
            MappedRecord record = catalog.mapper(run.sourceId()).map(item.node(), item.raw());
            mapped.add(record);
            if (record.cursorValue() != null && (highWater == null || record.cursorValue().isAfter(highWater))) {
                highWater = record.cursorValue();
            }
        }
        String nextPage = catalog.pager(run.sourceId()).next(at.page(), page);
        Checkpoint next = nextPage != null ? at.nextPage(nextPage, highWater) : at.passFinished(highWater);
        Counts counts = store.store(run, mapped, next);
        run.pageCommitted(next, counts);
        exchange.setProperty(SyncRuns.MORE_PAGES, nextPage != null);
    }
}
