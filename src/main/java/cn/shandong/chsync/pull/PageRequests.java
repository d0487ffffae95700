package cn.shandong.chsync.pull;

import cn.shandong.chsync.mapping.MappingDefinition;
import cn.shandong.chsync.mapping.ValueParsers;
import cn.shandong.chsync.security.PlatformAddresses;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Sets the HTTP request for the next page of a run from the source's mapping and the run's
 * checkpoint. Placeholders (base URL, keys) are resolved per request, so a secret or an address
 * set in the environment takes effect without editing the mapping file.
 */
@Component("pageRequests")
public class PageRequests {

    private final Environment environment;
    private final SourceCatalog catalog;
    private final PlatformTokens tokens;
    private final PlatformAddresses addresses;

    PageRequests(Environment environment, SourceCatalog catalog, PlatformTokens tokens, PlatformAddresses addresses) {
        this.addresses = addresses;
        this.environment = environment;
        this.catalog = catalog;
        this.tokens = tokens;
    }

    public void prepare(Exchange exchange) {
        SyncRun run = exchange.getProperty(SyncRuns.RUN, SyncRun.class);
        write(exchange.getMessage(), run.sourceId(), catalog.get(run.sourceId()).request(), catalog.pager(run.sourceId()),
                run.checkpoint());
        // the answer's deadline (sync.pull.request-deadline) counts from here, for the whole answer
        exchange.setProperty(PageIngest.REQUESTED_AT, System.nanoTime());
    }

    /** The query of the page {@code at} names: the cursor parameter, then the paging parameters. */
    public static Map<String, String> query(MappingDefinition.Request request, Pager pager, Checkpoint at) {
        Map<String, String> query = new LinkedHashMap<>();
        if (at.passSince() != null && request.cursor() != null && request.cursor().param() != null) {
            query.put(request.cursor().param(), ValueParsers.format(at.passSince(), request.cursor().format()));
        }
        query.putAll(pager.query(at.page()));
        return query;
    }

    /**
     * Writes the request for the page {@code at} names into {@code message}: a sync's and the
     * workbench's connection test's alike. {@code sourceId} keys the login token.
     */
    public void write(Message message, String sourceId, MappingDefinition.Request request, Pager pager, Checkpoint at) {
        Map<String, String> query = query(request, pager, at);

        // Nothing of the exchange may leak into the platform's request as a header.
        message.getHeaders().clear();
        message.setBody(null);
        message.setHeader(Exchange.HTTP_METHOD, "GET");
        // the service inflates answers itself, counting what it inflates (PageBody), not the HTTP
        // client, nor camel-http (the routes' CamelSkipGzipEncoding)
        message.setHeader("Accept-Encoding", "gzip, deflate");
        message.setHeader(Exchange.HTTP_URI, addresses.check(environment.resolveRequiredPlaceholders(request.baseUrl())
                + request.path(), "the address of " + sourceId));
        message.setHeader(Exchange.HTTP_QUERY, query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")));
        if (request.headers() != null) {
            request.headers().forEach((name, value) -> message.setHeader(name, environment.resolveRequiredPlaceholders(value)));
        }
        if (request.auth() != null) {
            message.setHeader(request.auth().header(), tokens.header(sourceId, request));
        }
    }
}
