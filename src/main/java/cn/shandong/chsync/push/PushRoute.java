package cn.shandong.chsync.push;

import cn.shandong.chsync.SyncProperties;
import cn.shandong.chsync.record.IdNumber;
import cn.shandong.chsync.security.PlatformAddresses;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The steps of routes/push.camel.yaml: claim a batch (ClaimPolicy) and sign its request, settle
 * the province's answer (AnswerSettler), or, when the request failed, put the batch off. The circuit
 * breaker and the latency meter live here, where the requests are. Nothing is final until the
 * province has answered for a completion, so a crash at any point only delays it: its lease (the
 * claim's, or the page's in push_lease) runs out, and it is claimed again and resent with the same
 * key and revision.
 */
@Component("pushRoute")
public class PushRoute {

    /** The exchange property holding the batch being sent (a PushClaim). */
    public static final String CLAIM = "pushClaim";
    /** The exchange property saying how many completions the last claim took; the route's loop ends at 0. */
    public static final String CLAIMED = "pushClaimed";
    /** Which worker's share of the outbox this loop sends: rows whose id modulo the workers is it. */
    public static final String WORKER = "pushWorker";
    private static final String SENT_AT = "pushSentAt";
    static final String BATCH_PATH = "/api/v1/credit-hours/batch";

    private static final Logger log = LoggerFactory.getLogger(PushRoute.class);

    private final ClaimPolicy claims;
    private final AnswerSettler settler;
    private final ObjectMapper json;
    private final Clock clock;
    private final SyncProperties.Push settings;
    private final SyncProperties.Province province;
    private final MeterRegistry meters;
    private final Environment environment;
    private final PlatformAddresses addresses;
    private final CircuitBreaker breaker;
    // One request buffer per thread, emptied for each claim and copied out of for the request, not
    // a batch's room allocated for each: an idle loop claims every sync.push.period-ms.
    private final ThreadLocal<ByteArrayOutputStream> requests;

    PushRoute(ClaimPolicy claims, AnswerSettler settler, ObjectMapper json, Clock clock, SyncProperties properties,
              MeterRegistry meters, Environment environment, PlatformAddresses addresses, PushHandoff handoff) {
        this.claims = claims;
        this.settler = settler;
        this.json = json;
        this.clock = clock;
        this.settings = properties.push();
        this.province = properties.province();
        this.meters = meters;
        this.environment = environment;
        this.addresses = addresses;
        this.requests = ThreadLocal.withInitial(() -> new ByteArrayOutputStream(1024 * settings.batchSize()));
        this.breaker = new CircuitBreaker(settings.breakerFailures(), settings.breakerOpen(), clock);
        meters.gauge("chsync.push.breaker.open", this, o -> o.breaker.state() == CircuitBreaker.State.CLOSED ? 0 : 1);
        meters.gauge("chsync.push.handoff.rows", handoff, PushHandoff::size);
    }

    /** The push route's workers, one loop each. */
    public List<Integer> workers() {
        return IntStream.range(0, settings.workers()).boxed().toList();
    }

    /** Takes up to a batch of completions to send and sets the signed request for them; CLAIMED says how many. */
    public void claim(Exchange exchange) throws IOException {
        // The previous batch of this loop is settled; a failure from here on is not about it.
        exchange.removeProperty(CLAIM);
        exchange.removeProperty(SENT_AT);
        if (!breaker.allows()) {
            exchange.setProperty(CLAIMED, 0);
            return;
        }
        ByteArrayOutputStream body = requests.get();
        body.reset();
        List<PushClaim.Entry> entries = claims.take(exchange.getProperty(WORKER, 0, Integer.class), body);
        exchange.setProperty(CLAIMED, entries.size());
        if (entries.isEmpty()) {
            breaker.nothingSent();
            return;
        }
        exchange.setProperty(CLAIM, new PushClaim(entries, Timestamp.from(Instant.now(clock))));
        // Read per batch, not bound once: its default names this process's port, known only after start-up.
        String url = addresses.check(environment.getRequiredProperty("sync.province.base-url") + BATCH_PATH,
                "sync.province.base-url");
        byte[] request = body.toByteArray();
        long timestamp = Instant.now(clock).toEpochMilli();
        String nonce = UUID.randomUUID().toString();
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setHeader(Exchange.HTTP_URI, url);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader(Signature.APP_KEY, province.appKey());
        message.setHeader(Signature.TIMESTAMP, Long.toString(timestamp));
        message.setHeader(Signature.NONCE, nonce);
        message.setHeader(Signature.SIGNATURE, Signature.sign(province.appSecret(), "POST", URI.create(url).getPath(),
                Map.of(), request, timestamp, nonce));
        message.setBody(request);
        exchange.setProperty(SENT_AT, System.nanoTime());
    }

    /** Settles each completion of the batch by the province's answer for its key and revision. */
    public void complete(Exchange exchange) throws IOException {
        PushClaim claim = exchange.getProperty(CLAIM, PushClaim.class);
        var answer = json.readTree(exchange.getMessage().getBody(byte[].class));
        latency(exchange, "answered");
        if (breaker.succeeded()) {
            log.info("the provincial platform answers again; pushing resumes");
        }
        settler.answered(claim, answer);
    }

    /** On a failed request (the route's error handler): every completion of the batch is tried again later. */
    public void retryLater(Exchange exchange) {
        PushClaim claim = exchange.getProperty(CLAIM, PushClaim.class);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (claim == null) {
            breaker.nothingSent();
            log.error("push could not claim a batch", cause);
            return;
        }
        latency(exchange, "failed");
        PushFailure failure = PushFailure.of(cause);
        log.warn("push of {} items failed, will retry: {}", claim.entries().size(), IdNumber.maskAny(failure.summary()));
        if (failure.throttled()) {
            breaker.nothingSent();
        } else if (breaker.failed()) {
            log.warn("the provincial platform keeps failing ({}): no batch for {}, then one probe",
                    failure.summary(), settings.breakerOpen());
        }
        settler.failed(claim, failure.summary(), failure.retryAfter());
    }

    /** How long the province took to answer a batch (or to fail), by outcome. */
    private void latency(Exchange exchange, String outcome) {
        Long sentAt = exchange.getProperty(SENT_AT, Long.class);
        if (sentAt != null) {
            Timer.builder("chsync.push.latency").description("time from sending a batch to the province's answer")
                    .tag("outcome", outcome).publishPercentileHistogram().register(meters)
                    .record(System.nanoTime() - sentAt, TimeUnit.NANOSECONDS);
            exchange.removeProperty(SENT_AT);
        }
    }
}
