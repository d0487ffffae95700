package cn.shandong.chsync.source;

import cn.shandong.chsync.dedupe.PagePlan.Counts;
import cn.shandong.chsync.mapping.JsonPaths;
import cn.shandong.chsync.mapping.MappedRecord;
import cn.shandong.chsync.mapping.MappingDefinition;
import cn.shandong.chsync.record.ReasonCode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * One fetched page: parsed as its mapping says, each item mapped and validated, the whole page
 * committed with the checkpoint of the page after it, and the route told whether one is due.
 */
@Component("pageIngest")
public class PageIngest {

    /** How much of an unusable page is kept for support to look at. */
    private static final int EXCERPT = 64 * 1024;

    private final ObjectMapper json;
    private final SourceCatalog catalog;
    private final PageStore store;

    PageIngest(ObjectMapper json, SourceCatalog catalog, PageStore store) {
        this.json = json;
        this.catalog = catalog;
        this.store = store;
    }

    public void ingest(Exchange exchange) {
        SyncRun run = exchange.getProperty(SyncRuns.RUN, SyncRun.class);
        MappingDefinition mapping = catalog.get(run.sourceId());
        byte[] body = exchange.getMessage().getBody(byte[].class);
        JsonNode page = parse(body);
        MappingDefinition.Response response = mapping.response();
        if (response.success() != null) {
            String outcome = JsonPaths.text(page, JsonPaths.pointer(response.success().path()));
            if (!Objects.equals(outcome, response.success().equals())) {
                String said = response.message() == null ? "" : ": " + JsonPaths.text(page, JsonPaths.pointer(response.message()));
                throw new PageFormatException(ReasonCode.PAGE_REJECTED,
                        "the platform answered " + response.success().path() + "=" + outcome + said, excerpt(body));
            }
        }
        JsonNode items = page.at(JsonPaths.pointer(response.items()));
        if (!items.isArray()) {
            throw new PageFormatException(ReasonCode.PAGE_MALFORMED,
                    "the page has no list at " + response.items(), excerpt(body));
        }
        List<MappedRecord> mapped = new ArrayList<>(items.size());
        Checkpoint at = run.checkpoint();
        LocalDateTime highWater = at.passHighWater();
        for (JsonNode item : items) {
            MappedRecord record = catalog.mapper(run.sourceId()).map(item, item.toString());
            mapped.add(record);
            if (record.cursorValue() != null && (highWater == null || record.cursorValue().isAfter(highWater))) {
                highWater = record.cursorValue();
            }
        }
        boolean more = morePages(mapping, at, items.size(), total(page, response));
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

    private static Long total(JsonNode page, MappingDefinition.Response response) {
        if (response.total() == null) {
            return null;
        }
        String text = JsonPaths.text(page, JsonPaths.pointer(response.total()));
        try {
            return text == null ? null : Long.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new PageFormatException(ReasonCode.PAGE_MALFORMED, "the page is empty", "");
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new PageFormatException(ReasonCode.PAGE_MALFORMED,
                    "the page is not JSON: " + e.getOriginalMessage(), excerpt(body));
        } catch (IOException e) {
            throw new PageFormatException(ReasonCode.PAGE_MALFORMED, "the page could not be read: " + e, excerpt(body));
        }
    }

    private static String excerpt(byte[] body) {
        return new String(body, 0, Math.min(body.length, EXCERPT), StandardCharsets.UTF_8);
    }
}
