package cn.shandong.chsync.pull;

import cn.shandong.chsync.mapping.JsonPaths;
import cn.shandong.chsync.mapping.MappingDefinition;
import cn.shandong.chsync.security.PlatformAddresses;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Tokens of the platforms that want a login first, one per source, kept until shortly before
 * they expire or until the platform answers 401. The login goes through the same camel-http
 * client (and timeouts) as the pages.
 */
@Component
public class PlatformTokens {

    /** A token is renewed this long before the platform says it expires. */
    private static final Duration MARGIN = Duration.ofSeconds(60);
    private static final long DEFAULT_LIFETIME_SECONDS = 3600;

    private record Token(String value, Instant expires) {
    }

    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final ProducerTemplate camel;
    private final ObjectMapper json;
    private final Environment environment;
    private final Clock clock;
    private final PlatformAddresses addresses;

    PlatformTokens(ProducerTemplate camel, ObjectMapper json, Environment environment, Clock clock,
                   PlatformAddresses addresses) {
        this.addresses = addresses;
        this.camel = camel;
        this.json = json;
        this.environment = environment;
        this.clock = clock;
    }

    /** The header value to send, logging in when there is no live token. */
    String header(String sourceId, MappingDefinition.Request request) {
        MappingDefinition.Auth auth = request.auth();
        Token token = tokens.get(sourceId);
        if (token == null || !Instant.now(clock).plus(MARGIN).isBefore(token.expires())) {
            token = login(request);
            tokens.put(sourceId, token);
        }
        return (auth.prefix() == null ? "" : auth.prefix()) + token.value();
    }

    /** The platform refused the token: the next request logs in again. */
    public void forget(String sourceId) {
        tokens.remove(sourceId);
    }

    private Token login(MappingDefinition.Request request) {
        MappingDefinition.Auth auth = request.auth();
        Map<String, String> body = new LinkedHashMap<>();
        if (auth.body() != null) {
            auth.body().forEach((k, v) -> body.put(k, environment.resolveRequiredPlaceholders(v)));
        }
        String url = addresses.check(environment.resolveRequiredPlaceholders(request.baseUrl()) + auth.path(),
                "a platform's login address");
        // read within a page's limits (routes/pull.camel.yaml): a login answer can be a bomb too
        byte[] answer = camel.request("direct:platform-answer", exchange -> {
            exchange.setProperty(PageIngest.REQUESTED_AT, System.nanoTime());
            exchange.getMessage().setHeader(Exchange.HTTP_URI, url);
            exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
            exchange.getMessage().setBody(json.writeValueAsBytes(body));
        }).getMessage().getBody(byte[].class);
        try {
            JsonNode reply = json.readTree(answer);
            String value = JsonPaths.text(reply, JsonPaths.pointer(auth.tokenPath()));
            if (value == null || value.isBlank()) {
                throw new IOException("the login answer has no token at " + auth.tokenPath());
            }
            String lifetime = auth.expiresInPath() == null ? null : JsonPaths.text(reply, JsonPaths.pointer(auth.expiresInPath()));
            long seconds = lifetime == null ? DEFAULT_LIFETIME_SECONDS : Long.parseLong(lifetime.strip());
            return new Token(value, Instant.now(clock).plusSeconds(seconds));
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("login to " + url + " failed: " + e.getMessage(), e);
        }
    }
}
