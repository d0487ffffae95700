package cn.shandong.chsync.mapping;

import cn.shandong.chsync.pull.Checkpoint;
import cn.shandong.chsync.pull.PageIngest;
import cn.shandong.chsync.pull.PageRequests;
import cn.shandong.chsync.pull.Pager;
import cn.shandong.chsync.pull.PlatformTokens;
import cn.shandong.chsync.pull.SourceCatalog;
import cn.shandong.chsync.record.CreditRecord;
import cn.shandong.chsync.record.IdNumber;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * What a mapping would make of a platform's pages, without storing or pushing anything: the
 * workbench's answer. It reads pages with the parts a sync reads them with (SourceCatalog.Parts:
 * the same reader, mapper, validator and pager), and a connection test fetches them with the
 * sync's own request writer (PageRequests) through the same camel-http endpoint, login included.
 * Each page is taken as a first pass would take it: from the platform's first page, no cursor.
 */
@Component
public class MappingPreview {

    /** A connection test reads the first page, and the second where paging goes on. */
    static final int PAGES_FETCHED = 2;
    /** As in PageIngest: a record stamped further ahead than this does not move the cursor. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final SourceCatalog catalog;
    private final PageRequests requests;
    private final PlatformTokens tokens;
    private final ProducerTemplate camel;
    private final Clock clock;

    MappingPreview(SourceCatalog catalog, PageRequests requests, PlatformTokens tokens, @Lazy ProducerTemplate camel,
                   Clock clock) {
        this.catalog = catalog;
        this.requests = requests;
        this.tokens = tokens;
        this.camel = camel;
        this.clock = clock.withZone(CreditRecord.ZONE);
    }

    /** The preview's answer; field names are the API's (camelCase JSON). */
    public record Preview(String sourceId, List<PageView> pages, List<RecordView> records, RequestView nextPage,
                          CursorView cursor) {
    }

    /** One page read: the request it was fetched with (null for a sample page), what it held, or why it could not be read. */
    public record PageView(RequestView request, Integer status, Integer records, Long total, String error, String errorCode) {
    }

    /** A request as it would be sent; header values are left out, as they carry keys and tokens. */
    public record RequestView(String method, String url, Map<String, String> query, List<String> headers) {
    }

    /**
     * One item of a page: the canonical record it maps to (ID number masked), or the violations
     * that keep it out, each with its reason code.
     */
    public record RecordView(int page, String sourceRecordId, boolean valid, Map<String, Object> record,
                             List<ViolationView> violations) {
    }

    public record ViolationView(String code, String message) {
    }

    /**
     * The cursor a pass ending here would store: the newest update time read ({@code highWater},
     * null when no record gave one), the checkpoint as sync runs show it, and the query the next
     * pass would start with.
     */
    public record CursorView(String field, String format, String highWater, String checkpoint,
                             Map<String, String> nextPassQuery) {
    }

    /** A sample page, the body as the platform sends it, written in the mapping's charset. */
    public Preview sample(MappingDefinition mapping, String page) {
        SourceCatalog.Parts parts = catalog.parts(mapping);
        Charset charset = mapping.response().charset() == null ? StandardCharsets.UTF_8 : Charset.forName(mapping.response().charset());
        Pass pass = new Pass(mapping, parts);
        pass.read(null, null, page.getBytes(charset));
        return pass.preview();
    }

    /** A connection test: the first page fetched as a sync fetches it, and the second where paging goes on. */
    public Preview fetch(MappingDefinition mapping) {
        SourceCatalog.Parts parts = catalog.parts(mapping);
        Pass pass = new Pass(mapping, parts);
        // its own login, never the running source's token: the file tried may name other credentials
        String tokenKey = "workbench " + UUID.randomUUID();
        try {
            for (int i = 0; i < PAGES_FETCHED && pass.more(); i++) {
                RequestView request = pass.request();
                Exchange answer;
                try {
                    // the answer as a stream, read within a page's limits as a sync reads it
                    answer = camel.request("direct:platform-answer", exchange -> {
                        requests.write(exchange.getMessage(), tokenKey, mapping.request(), parts.pager(), pass.at);
                        exchange.setProperty(PageIngest.REQUESTED_AT, System.nanoTime());
                    });
                } catch (RuntimeException e) {
                    pass.failed(request, null, e);
                    break;
                }
                Integer status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
                if (answer.getException() != null) {
                    Exception e = answer.getException();
                    pass.failed(request, e instanceof HttpOperationFailedException h ? Integer.valueOf(h.getStatusCode()) : status, e);
                    break;
                }
                if (!pass.read(request, status, answer.getMessage().getBody(byte[].class))) {
                    break;
                }
            }
        } finally {
            tokens.forget(tokenKey);
        }
        return pass.preview();
    }

    /** A first pass over the pages read so far. */
    private final class Pass {
        final MappingDefinition mapping;
        final SourceCatalog.Parts parts;
        final List<PageView> pages = new ArrayList<>();
        final List<RecordView> records = new ArrayList<>();
        Checkpoint at;
        boolean ended;

        Pass(MappingDefinition mapping, SourceCatalog.Parts parts) {
            this.mapping = mapping;
            this.parts = parts;
            this.at = new Checkpoint(null, null, parts.pager().first(null), null);
        }

        boolean more() {
            return !ended && at.inPass();
        }

        RequestView request() {
            return view(mapping, parts.pager(), at);
        }

        /** Reads one page; false when it could not be read (the pass stops there). */
        boolean read(RequestView request, Integer status, byte[] body) {
            PageReader.Page page;
            try {
                page = parts.reader().read(body);
            } catch (PageFormatException e) {
                pages.add(new PageView(request, status, null, null, IdNumber.maskAny(e.getMessage()), e.reason().name()));
                ended = true;
                return false;
            }
            LocalDateTime highWater = at.passHighWater();
            LocalDateTime latest = LocalDateTime.now(clock).plus(CLOCK_SKEW);
            int number = pages.size() + 1;
            for (var item : page.items()) {
                MappedRecord mapped = parts.mapper().map(item);
                LocalDateTime cursor = mapped.cursorValue();
                if (cursor != null && !cursor.isAfter(latest) && (highWater == null || cursor.isAfter(highWater))) {
                    highWater = cursor;
                }
                records.add(view(number, mapped));
            }
            pages.add(new PageView(request, status, page.items().size(), page.total(), null, null));
            String next = parts.pager().next(at.page(), page);
            at = next != null ? at.nextPage(next, highWater) : at.passFinished(highWater);
            return true;
        }

        void failed(RequestView request, Integer status, Exception e) {
            String why = e instanceof HttpOperationFailedException h
                    ? "the platform answered HTTP " + h.getStatusCode() + " " + h.getStatusText()
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
            // an answer past a page's limits says which, as a sync's run would
            String code = e instanceof cn.shandong.chsync.mapping.PageFormatException f ? f.reason().name() : "FETCH_FAILED";
            pages.add(new PageView(request, status, null, null, IdNumber.maskAny(why), code));
            ended = true;
        }

        Preview preview() {
            RequestView next = at.inPass() && !pages.isEmpty() && pages.get(pages.size() - 1).error() == null
                    ? view(mapping, parts.pager(), at) : null;
            return new Preview(mapping.id(), pages, records, next, cursor());
        }

        private CursorView cursor() {
            var cursor = mapping.request().cursor();
            LocalDateTime highWater = at.inPass() ? at.passHighWater() : at.since();
            Map<String, String> nextPass = new LinkedHashMap<>();
            if (highWater != null && cursor != null) {
                LocalDateTime since = cursor.lookback() == null ? highWater : highWater.minus(cursor.lookback());
                nextPass = PageRequests.query(mapping.request(), parts.pager(),
                        new Checkpoint(highWater, since, parts.pager().first(since), highWater));
            }
            return new CursorView(cursor == null ? null : cursor.field(), cursor == null ? null : cursor.format(),
                    highWater == null ? null : highWater.toString(), at.toString(), nextPass);
        }
    }

    private RequestView view(MappingDefinition mapping, Pager pager, Checkpoint at) {
        var request = mapping.request();
        List<String> headers = new ArrayList<>(request.headers() == null ? List.of() : request.headers().keySet());
        if (request.auth() != null) {
            headers.add(request.auth().header());
        }
        return new RequestView("GET", catalog.resolve(request.baseUrl()) + request.path(), PageRequests.query(request, pager, at),
                headers);
    }

    private static RecordView view(int page, MappedRecord mapped) {
        List<ViolationView> violations = mapped.violations().stream()
                .map(v -> new ViolationView(v.code().name(), IdNumber.maskAny(v.message()))).toList();
        Map<String, Object> fields = new LinkedHashMap<>();
        CreditRecord r = mapped.record();
        if (r != null) {
            fields.put("idNumber", IdNumber.mask(r.idNumber()));
            fields.put("name", r.name());
            fields.put("employerName", r.employerName());
            fields.put("employerCode", r.employerCode());
            fields.put("courseId", r.courseId());
            fields.put("courseName", r.courseName());
            fields.put("subject", r.subject());
            fields.put("kind", r.kind());
            fields.put("amount", r.amount());
            fields.put("unit", r.unit());
            fields.put("hours", r.hours());
            fields.put("completionDate", r.completionDate().toString());
            fields.put("studyYear", r.studyYear());
            fields.put("certificateNo", r.certificateNo());
            fields.put("state", r.state());
            fields.put("sourceUpdatedAt", r.sourceUpdatedAt() == null ? null : r.sourceUpdatedAt().toString());
        } else {
            fields.put("idNumber", IdNumber.mask(mapped.rawIdNumber()));
        }
        return new RecordView(page, mapped.sourceRecordId(), mapped.valid(), fields, violations);
    }
}
