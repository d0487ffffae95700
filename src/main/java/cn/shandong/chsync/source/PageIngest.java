package cn.shandong.chsync.source;

import cn.shandong.chsync.dedupe.PagePlan.Counts;
import cn.shandong.chsync.mapping.MappedRecord;
import cn.shandong.chsync.mapping.MappingDefinition;
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
        MappingDefinition mapping = catalog.get(run.sourceId());
        PageReader.Page page = catalog.reader(run.sourceId()).read(exchange.getMessage().getBody(byte[].class));
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
        boolean more = morePages(mapping, at, page.items().size(), page.total());
        Checkpoint next = more ? at.nextPage(highWater) : at.passFinished(highWater);
        Counts counts = store.store(run, mapped, next);
        run.pageCommitted(next, counts);
        exchange.setProperty(SyncRuns.MORE_PAGES, more);
    }

    /** A short page ends the pass; so does reaching the total when the platform tells it. */
    private static boolean morePages(MappingDefinition mapping, Checkpoint at, int items, Long total) {
        MappingDefinition.Paging paging = mapping.request().paging();
        if (items < paging.size()) {
            return false;
        }
        int first = paging.first() == null ? 1 : paging.first();
        return total == null || (long) (at.nextPage() - first + 1) * paging.size() < total;
    }
}
