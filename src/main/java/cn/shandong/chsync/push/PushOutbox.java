package cn.shandong.chsync.push;

import cn.shandong.chsync.SyncProperties;
import cn.shandong.chsync.reconcile.NewItem;
import cn.shandong.chsync.reconcile.ReconciliationItems;
import cn.shandong.chsync.record.CreditRecord;
import cn.shandong.chsync.record.IdNumber;
import cn.shandong.chsync.record.ReasonCode;
import cn.shandong.chsync.record.Stage;
import cn.shandong.chsync.security.IdProtection;
import cn.shandong.chsync.security.PlatformAddresses;
import cn.shandong.chsync.sql.BulkInsert;
import cn.shandong.chsync.sql.StatementShapes;
import cn.shandong.chsync.sql.TableRows;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.IntStream;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The push route's steps: take a batch of completions to send (handed over by the pages that
 * stored them, or outbox rows claimed under a lease), write the provincial platform's request, and
 * settle each by the answer for its item. Nothing is final until the province has answered for
 * it, so a crash at any point only delays it: its lease (the claim's, or the page's in push_lease)
 * runs out, and it is claimed again and resent with the same key and revision.
 */
@Component("pushOutbox")
public class PushOutbox {

    public static final String CLAIM = "pushClaim";
    public static final String CLAIMED = "pushClaimed";
    /** Which worker's share of the outbox this loop sends: rows whose id modulo the workers is it. */
    public static final String WORKER = "pushWorker";
    private static final String SENT_AT = "pushSentAt";
    static final String BATCH_PATH = "/api/v1/credit-hours/batch";
    // A row by its key and revision (unique), whichever way it was leased.
    private static final String SETTLE = """
            UPDATE push_outbox SET status = ?, result = ?, last_error = ?, done_at = ?, last_attempt_at = ?,
                lease_owner = NULL, lease_until = NULL
            WHERE completion_key = ? AND revision = ? AND lease_owner = ?
            """;

    /**
     * How often the settling of an answered batch is tried: a deadlock with a page filing its own
     * items rolls it back whole, and settling again beats resending a batch the province has taken.
     */
    private static final int SETTLE_ATTEMPTS = 3;

    /** The outbox row of a completion handed over, written once it is answered (see writeHanded). */
    private static final String HANDED_COLUMNS = """
            completion_key, revision, status, result, last_error, attempts, created_at, next_attempt_at,
            last_attempt_at, done_at""";

    /** How many completions pages handed over the province has not answered yet: they have no outbox row until it has. */
    public static final String UNANSWERED_HANDED = "SELECT COALESCE(SUM(unanswered), 0) FROM push_lease";

    /** How many completions wait to reach the province: outbox rows pending, and those handed over and unanswered. */
    public static final String WAITING = "SELECT (SELECT COUNT(*) FROM push_outbox WHERE status = 'PENDING') + ("
            + UNANSWERED_HANDED + ")";

    /** How many of the pages' leases that ran out one claim turns into outbox rows. */
    private static final int LAPSED_LEASES = 20;

    private static final Logger log = LoggerFactory.getLogger(PushOutbox.class);

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final ReconciliationItems reconciliation;
    private final Clock clock;
    private final SyncProperties.Push settings;
    private final SyncProperties.Province province;
    private final MeterRegistry meters;
    private final Environment environment;
    private final Backoff backoff;
    private final CircuitBreaker breaker;
    private final IdProtection ids;
    private final PlatformAddresses addresses;
    private final PushHandoff handoff;
    private final BulkInsert bulk;
    /** When each worker last claimed from the outbox (System.nanoTime). */
    private final AtomicLongArray claimedAt;
    // One request buffer per thread, emptied for each claim and copied out of for the request, not
    // 512 KB (a batch's room) allocated for each: an idle loop claims every sync.push.period-ms.
    private final ThreadLocal<ByteArrayOutputStream> requests;
    private final long claimEveryNanos;

    PushOutbox(JdbcTemplate jdbc, PlatformTransactionManager transactions, ObjectMapper json,
               ReconciliationItems reconciliation, Clock clock, SyncProperties properties, MeterRegistry meters,
               Environment environment, IdProtection ids, PlatformAddresses addresses, PushHandoff handoff,
               BulkInsert bulk, @Value("${sync.push.period-ms}") long periodMs) {
        this.handoff = handoff;
        this.bulk = bulk;
        this.claimedAt = new AtomicLongArray(properties.push().workers());
        this.claimEveryNanos = Duration.ofMillis(periodMs).toNanos();
        for (int worker = 0; worker < claimedAt.length(); worker++) {
            claimedAt.set(worker, System.nanoTime() - claimEveryNanos);
        }
        this.ids = ids;
        this.addresses = addresses;
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.tx = new TransactionTemplate(transactions);
        this.json = json;
        this.reconciliation = reconciliation;
        this.clock = clock;
        this.settings = properties.push();
        this.requests = ThreadLocal.withInitial(() -> new ByteArrayOutputStream(1024 * settings.batchSize()));
        this.province = properties.province();
        this.meters = meters;
        this.environment = environment;
        this.backoff = new Backoff(settings.backoffBase(), settings.backoffMax());
        this.breaker = new CircuitBreaker(settings.breakerFailures(), settings.breakerOpen(), clock);
        meters.gauge("chsync.push.breaker.open", this, o -> o.breaker.state() == CircuitBreaker.State.CLOSED ? 0 : 1);
        meters.gauge("chsync.push.handoff.rows", handoff, PushHandoff::size);
    }

    /** The push route's workers, one loop each. */
    public List<Integer> workers() {
        return IntStream.range(0, settings.workers()).boxed().toList();
    }

    /**
     * Takes up to a batch of rows to send and sets the request for them; CLAIMED says how many.
     * Rows pages handed over go first, but each worker claims from the outbox at least once a
     * sync.push.period-ms, so that rows due there (written without a handover, or due again after
     * a failure) are not left behind a long sync's handovers.
     */
    public void claim(Exchange exchange) throws IOException {
        // The previous batch of this loop is settled; a failure from here on is not about it.
        exchange.removeProperty(CLAIM);
        exchange.removeProperty(SENT_AT);
        if (!breaker.allows()) {
            exchange.setProperty(CLAIMED, 0);
            return;
        }
        handoff.polled();
        int worker = exchange.getProperty(WORKER, 0, Integer.class);
        ByteArrayOutputStream body = requests.get();
        body.reset();
        boolean outboxFirst = System.nanoTime() - claimedAt.get(worker) >= claimEveryNanos;
        List<PushClaim.Entry> entries = outboxFirst ? fromOutbox(worker, body) : List.of();
        if (entries.isEmpty()) {
            entries = handedOver(body);
        }
        if (entries.isEmpty() && !outboxFirst) {
            entries = fromOutbox(worker, body);
        }
        exchange.setProperty(CLAIMED, entries.size());
        if (entries.isEmpty()) {
            breaker.nothingSent();
            return;
        }
        exchange.setProperty(CLAIM, new PushClaim(entries, now()));
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

    /** Up to a batch of the worker's due outbox rows, leased; their items written to {@code body}. */
    private List<PushClaim.Entry> fromOutbox(int worker, ByteArrayOutputStream body) throws IOException {
        claimedAt.set(worker, System.nanoTime());
        String token = UUID.randomUUID().toString();
        Timestamp now = now();
        if (worker == 0) {
            writeLapsedLeases(now);
        }
        // The due rows and their records in one read: the longest due first, in the order of
        // ix_push_outbox_ready (status, next_attempt_at, then id), so the database reads the batch
        // and stops (ORDER BY id made it read and sort every pending row: 38,886 rows for a batch of
        // 200 in bench/run), then joins just those. A plain read, which neither waits for nor blocks
        // the pages being committed; then leased by id, where a row another instance leased in
        // between (or put off after a failure) no longer qualifies. Reading the records before the
        // lease, not after it, spares a statement (and its list of 500 ids) per batch.
        List<Due> due = named.query("""
                SELECT o.id, o.completion_key, o.revision, o.attempts, r.province_key, r.id_cipher, r.source_id,
                    r.source_record_id, r.person_name, r.employer_name, r.employer_code, r.city_code, r.course_id,
                    r.course_name, r.subject, r.kind, r.unit, r.certificate_no, r.state, r.amount, r.hours,
                    r.completion_date, r.study_year
                FROM (SELECT id, completion_key, revision, attempts, next_attempt_at FROM push_outbox
                      WHERE status = 'PENDING' AND next_attempt_at <= :now AND (lease_until IS NULL OR lease_until < :now)
                          AND MOD(id, :workers) = :worker
                      ORDER BY next_attempt_at, id LIMIT :batch) o
                JOIN credit_record r ON r.completion_key = o.completion_key
                ORDER BY o.next_attempt_at, o.id
                """, new MapSqlParameterSource("now", now).addValue("workers", settings.workers()).addValue("worker", worker)
                .addValue("batch", settings.batchSize()), (rs, row) -> Due.read(rs));
        List<Long> dueIds = StatementShapes.padded(due.stream().map(Due::id).toList());
        int claimed = due.isEmpty() ? 0 : named.update("""
                UPDATE push_outbox SET lease_owner = :token, lease_until = :until, attempts = attempts + 1,
                    last_attempt_at = :now
                WHERE id IN (:ids) AND status = 'PENDING' AND next_attempt_at <= :now
                    AND (lease_until IS NULL OR lease_until < :now)
                """, new MapSqlParameterSource("token", token).addValue("until", Timestamp.from(now.toInstant().plus(settings.lease())))
                .addValue("now", now).addValue("ids", dueIds));
        if (claimed == 0) {
            return List.of();
        }
        List<Due> leased = claimed == due.size() ? due : leasedBy(token, dueIds, due);
        List<PushClaim.Entry> entries = new ArrayList<>(leased.size());
        // The request is written from the rows as read: building a map per item for the serializer
        // to walk cost more than the writing itself.
        try (JsonGenerator out = request(body)) {
            for (Due d : leased) {
                // The province is the one party that gets the ID number in clear: it is who the hours are banked for.
                String idNumber = ids.decrypt(d.idCipher());
                String provinceKey = ids.decrypt(d.provinceKeyCipher());
                // attempts as the lease counted it
                entries.add(new PushClaim.Entry(d.id(), token, d.completionKey(), provinceKey, d.revision(), d.attempts() + 1,
                        d.sourceId(), d.sourceRecordId(), idNumber, null, null));
                writeItem(out, d, provinceKey, idNumber);
            }
            endRequest(out);
        }
        return entries;
    }

    /**
     * Up to a batch of the rows pages handed over, their items written to {@code body} from the
     * records as the pages stored them: no read, no lease to take (the page wrote it), nothing to decrypt.
     */
    private List<PushClaim.Entry> handedOver(ByteArrayOutputStream body) throws IOException {
        List<PushHandoff.Handed> handed = handoff.poll(settings.batchSize(), Instant.now(clock));
        if (handed.isEmpty()) {
            return List.of();
        }
        List<PushClaim.Entry> entries = new ArrayList<>(handed.size());
        try (JsonGenerator out = request(body)) {
            for (PushHandoff.Handed h : handed) {
                CreditRecord r = h.record();
                // the page's write was its first attempt
                entries.add(new PushClaim.Entry(0, h.token(), h.completionKey(), h.provinceKey(), h.revision(), 1,
                        r.sourceId(), r.sourceRecordId(), r.idNumber(), h.writtenAt(), h.leaseUntil()));
                writeItem(out, r, h.provinceKey(), h.revision());
            }
            endRequest(out);
        }
        return entries;
    }

    /**
     * Pages' leases that ran out with completions unanswered (their instance stopped, or its loops
     * let them go): each becomes the outbox rows of its completions, due at once, as its page would
     * have written them leased; those answered meanwhile have their rows, which keep the lease's out.
     * Another instance doing the same at once writes the same rows.
     */
    private void writeLapsedLeases(Timestamp now) {
        record Lapsed(String token, LocalDateTime writtenAt, LocalDateTime leaseUntil, String entries) {
        }
        List<Lapsed> lapsed = jdbc.query("""
                SELECT token, created_at, lease_until, entries FROM push_lease WHERE lease_until < ?
                ORDER BY lease_until LIMIT ?
                """, (rs, i) -> new Lapsed(rs.getString(1), rs.getTimestamp(2).toLocalDateTime(),
                rs.getTimestamp(3).toLocalDateTime(), rs.getString(4)), now, LAPSED_LEASES);
        for (Lapsed lease : lapsed) {
            List<String[]> rows = lease.entries().lines().map(line -> line.split(":", 2)).toList();
            tx.executeWithoutResult(s -> {
                bulk.insert(TableRows.<String[]>insertIgnore("push_outbox", "uk_push_outbox_key", HANDED_COLUMNS,
                        (row, keyAndRevision) -> row.text(keyAndRevision[0]).number(Integer.parseInt(keyAndRevision[1]))
                                .text("PENDING").text(null).text(null).number(1).time(lease.writtenAt())
                                .time(lease.leaseUntil()).time(lease.writtenAt()).time(null)), rows);
                jdbc.update("DELETE FROM push_lease WHERE token = ?", lease.token());
            });
            log.warn("a page's lease of {} completions ran out before the province answered for all of them: "
                    + "those not answered are due in the outbox", rows.size());
        }
    }

    private JsonGenerator request(ByteArrayOutputStream body) throws IOException {
        JsonGenerator out = json.getFactory().createGenerator(body);
        out.writeStartObject();
        out.writeArrayFieldStart("items");
        return out;
    }

    private static void endRequest(JsonGenerator out) throws IOException {
        out.writeEndArray();
        out.writeEndObject();
    }

    /** Of the rows read as due, those this lease took (another instance may have leased some in between). */
    private List<Due> leasedBy(String token, List<Long> dueIds, List<Due> due) {
        Set<Long> ours = new HashSet<>(named.queryForList(
                "SELECT id FROM push_outbox WHERE id IN (:ids) AND lease_owner = :token",
                new MapSqlParameterSource("ids", dueIds).addValue("token", token), Long.class));
        return due.stream().filter(d -> ours.contains(d.id())).toList();
    }

    /**
     * A due outbox row and its record as read. The record's text is kept as the UTF-8 the
     * database sent, to go into the request as it is: decoding it into Strings to be encoded again
     * was a third of the claim's samples in a warm full sync of bench/run.
     */
    private record Due(long id, String completionKey, int revision, int attempts, String provinceKeyCipher, String idCipher,
                       String sourceId, String sourceRecordId, byte[][] text, BigDecimal amount, BigDecimal hours,
                       String completionDate, int studyYear) {

        /** The request's text fields, in the order of the read's columns from person_name on. */
        private static final String[] TEXT = {"name", "employerName", "employerCode", "cityCode", "courseId",
            "courseName", "subject", "kind", "unit", "certificateNo", "state"};

        static Due read(ResultSet rs) throws SQLException {
            byte[][] text = new byte[TEXT.length][];
            for (int i = 0; i < TEXT.length; i++) {
                text[i] = rs.getBytes(9 + i);
            }
            // A DATE's text is its ISO form, yyyy-MM-dd, on MySQL and H2 alike: read as text, not through a java.sql.Date.
            return new Due(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getString(5), rs.getString(6),
                    rs.getString(7), rs.getString(8), text, rs.getBigDecimal(20), rs.getBigDecimal(21), rs.getString(22),
                    rs.getInt(23));
        }
    }

    /** One item of the province's batch request, from a leased row and its record. */
    private static void writeItem(JsonGenerator out, Due d, String provinceKey, String idNumber) throws IOException {
        out.writeStartObject();
        out.writeStringField("completionKey", provinceKey);
        out.writeNumberField("revision", d.revision());
        out.writeStringField("idNumber", idNumber);
        text(out, d, 0, 4); // name, employerName, employerCode, cityCode
        out.writeStringField("sourceId", d.sourceId());
        out.writeStringField("sourceRecordId", d.sourceRecordId());
        text(out, d, 4, 8); // courseId, courseName, subject, kind
        out.writeNumberField("amount", d.amount());
        text(out, d, 8, 9); // unit
        out.writeNumberField("hours", d.hours());
        out.writeStringField("completionDate", d.completionDate());
        out.writeNumberField("studyYear", d.studyYear());
        text(out, d, 9, 11); // certificateNo, state
        out.writeEndObject();
    }

    /**
     * One item of the province's batch request from a record as a page stored it: the same fields,
     * in the same order, with the amounts at the two places credit_record keeps (rounded as it rounds).
     */
    private static void writeItem(JsonGenerator out, CreditRecord r, String provinceKey, int revision) throws IOException {
        out.writeStartObject();
        out.writeStringField("completionKey", provinceKey);
        out.writeNumberField("revision", revision);
        out.writeStringField("idNumber", r.idNumber());
        out.writeStringField("name", r.name());
        out.writeStringField("employerName", r.employerName());
        out.writeStringField("employerCode", r.employerCode());
        out.writeStringField("cityCode", r.cityCode());
        out.writeStringField("sourceId", r.sourceId());
        out.writeStringField("sourceRecordId", r.sourceRecordId());
        out.writeStringField("courseId", r.courseId());
        out.writeStringField("courseName", r.courseName());
        out.writeStringField("subject", r.subject().name());
        out.writeStringField("kind", r.kind().name());
        out.writeNumberField("amount", r.amount().setScale(2, RoundingMode.HALF_UP));
        out.writeStringField("unit", r.unit().name());
        out.writeNumberField("hours", r.hours().setScale(2, RoundingMode.HALF_UP));
        out.writeStringField("completionDate", r.completionDate().toString());
        out.writeNumberField("studyYear", r.studyYear());
        out.writeStringField("certificateNo", r.certificateNo());
        out.writeStringField("state", r.state().name());
        out.writeEndObject();
    }

    /** Text fields from and to (exclusive) of Due.TEXT, each a string (null as null) written from its UTF-8 bytes. */
    private static void text(JsonGenerator out, Due d, int from, int to) throws IOException {
        for (int i = from; i < to; i++) {
            out.writeFieldName(Due.TEXT[i]);
            byte[] value = d.text()[i];
            if (value == null) {
                out.writeNull();
            } else {
                out.writeUTF8String(value, 0, value.length);
            }
        }
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

    /** Settles each claimed row by the province's answer for its key and revision. */
    public void complete(Exchange exchange) throws IOException {
        PushClaim claim = exchange.getProperty(CLAIM, PushClaim.class);
        JsonNode answer = json.readTree(exchange.getMessage().getBody(byte[].class));
        Map<String, JsonNode> results = new HashMap<>();
        for (JsonNode result : answer.path("results")) {
            results.put(result.path("completionKey").asText() + "#" + result.path("revision").asInt(), result);
        }
        List<PushClaim.Entry> unanswered = new ArrayList<>();
        List<NewItem> rejected = new ArrayList<>();
        // Refused rows by lease, revision and message: one statement each, not one per row.
        Map<Refused, List<String>> refused = new LinkedHashMap<>();
        Map<String, List<PushClaim.Entry>> done = new HashMap<>();
        // Completions handed over get their outbox row now, in its final state.
        List<Written> handed = new ArrayList<>();
        List<String> taken = new ArrayList<>();
        // Counted per source and result once a batch, not a meter looked up for each of its items.
        Map<List<String>, Integer> tally = new HashMap<>();
        Timestamp now = now();
        for (PushClaim.Entry entry : claim.entries()) {
            JsonNode result = results.get(entry.provinceKey() + "#" + entry.revision());
            String status = result == null ? null : result.path("status").asText();
            if ("ACCEPTED".equals(status) || "DUPLICATE".equals(status)) {
                if (entry.handed()) {
                    handed.add(new Written(entry, "DONE", status, null, entry.leaseUntil()));
                } else {
                    done.computeIfAbsent(status, s -> new ArrayList<>()).add(entry);
                }
                taken.add(entry.completionKey());
            } else if ("REJECTED".equals(status)) {
                String reason = result.path("reasonCode").asText("");
                String message = "the provincial platform rejected it: " + reason + " " + result.path("message").asText("");
                if (entry.handed()) {
                    handed.add(new Written(entry, "REJECTED", "REJECTED", cut(message), entry.leaseUntil()));
                } else {
                    refused.computeIfAbsent(new Refused(entry.token(), entry.revision(), cut(message)), k -> new ArrayList<>())
                            .add(entry.completionKey());
                }
                rejected.add(new NewItem(entry.sourceId(), null, Stage.PUSH, ReasonCode.PUSH_REJECTED.name(), message,
                        entry.sourceRecordId(), entry.completionKey(), entry.idNumber(), result.toString(),
                        entry.completionKey() + "#" + entry.revision()));
            } else {
                unanswered.add(entry);
            }
            tally.merge(List.of(entry.sourceId(), status == null ? "unanswered" : status.toLowerCase()), 1, Integer::sum);
        }
        tally.forEach((sourceAndResult, items) -> meters.counter("chsync.push.items", "source", sourceAndResult.get(0),
                "result", sourceAndResult.get(1)).increment(items));
        latency(exchange, "answered");
        if (breaker.succeeded()) {
            log.info("the provincial platform answers again; pushing resumes");
        }
        Settling.again(SETTLE_ATTEMPTS, () -> tx.executeWithoutResult(s -> {
            // What the province took is settled in one statement per answer and lease, not one per row.
            done.forEach((result, entries) -> settleTaken(result, entries, now, claim.attemptedAt()));
            refused.forEach((rows, keys) -> settleRefused(rows, keys, now, claim.attemptedAt()));
            writeHanded(handed, now, claim.attemptedAt());
            reconciliation.file(rejected);
            reconciliation.settlePushRetries(taken, rejected.stream().map(NewItem::completionKey).toList());
        }));
        if (!unanswered.isEmpty()) {
            retry(new PushClaim(unanswered, claim.attemptedAt()), "the answer had no result for this item", null);
        }
    }

    /**
     * Rows claimed from the outbox that the province took, settled by their lease (a batch claimed
     * from the outbox is one) and ids in one statement.
     */
    private void settleTaken(String result, List<PushClaim.Entry> entries, Timestamp now, Timestamp attemptedAt) {
        named.update("""
                UPDATE push_outbox SET status = 'DONE', result = :result, last_error = NULL, done_at = :now,
                    last_attempt_at = :attempted, lease_owner = NULL, lease_until = NULL
                WHERE lease_owner = :token AND id IN (:rows)
                """, new MapSqlParameterSource("result", result).addValue("now", now).addValue("attempted", attemptedAt)
                .addValue("token", entries.get(0).token())
                .addValue("rows", StatementShapes.padded(entries.stream().map(PushClaim.Entry::id).toList())));
    }

    /** Rows of one lease and revision the province refused for one reason. */
    private record Refused(String token, int revision, String message) {
    }

    /**
     * Rows of one lease and revision the province refused for one reason, REJECTED with it in one
     * statement. The revision is named with the keys, so that the database looks each row up by its
     * whole unique key: by the completion key alone its estimate per key (45 rows in bench/run) made
     * it read a young outbox whole instead.
     */
    private void settleRefused(Refused rows, List<String> keys, Timestamp now, Timestamp attemptedAt) {
        named.update("""
                UPDATE push_outbox SET status = 'REJECTED', result = 'REJECTED', last_error = :error, done_at = :now,
                    last_attempt_at = :attempted, lease_owner = NULL, lease_until = NULL
                WHERE lease_owner = :token AND revision = :revision AND completion_key IN (:keys)
                """, new MapSqlParameterSource("error", cut(rows.message())).addValue("now", now).addValue("attempted", attemptedAt)
                .addValue("token", rows.token()).addValue("revision", rows.revision())
                .addValue("keys", StatementShapes.padded(keys)));
    }

    /** Push route, on a failed request: every row of the batch waits and is tried again, up to a limit. */
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
        retry(claim, failure.summary(), failure.retryAfter());
    }

    private void retry(PushClaim claim, String error, Duration retryAfter) {
        List<NewItem> exhausted = new ArrayList<>();
        tx.executeWithoutResult(s -> {
            Timestamp now = now();
            List<Written> handed = new ArrayList<>();
            for (PushClaim.Entry entry : claim.entries()) {
                meters.counter("chsync.push.retries").increment();
                if (entry.attempts() >= settings.maxAttempts()) {
                    String message = "gave up after " + entry.attempts() + " attempts; last error: " + error;
                    if (entry.handed()) {
                        handed.add(new Written(entry, "FAILED", null, cut(message), entry.leaseUntil()));
                    } else {
                        settle(entry, "FAILED", null, message, now, claim.attemptedAt());
                    }
                    exhausted.add(new NewItem(entry.sourceId(), null, Stage.PUSH, ReasonCode.PUSH_RETRIES_EXHAUSTED.name(),
                            message, entry.sourceRecordId(), entry.completionKey(), entry.idNumber(), null,
                            entry.completionKey() + "#" + entry.revision()));
                    continue;
                }
                Duration wait = retryAfter != null ? retryAfter : backoff.after(entry.attempts());
                if (entry.handed()) {
                    handed.add(new Written(entry, "PENDING", null, cut(error), now.toInstant().plus(wait)));
                    continue;
                }
                jdbc.update("""
                        UPDATE push_outbox SET next_attempt_at = ?, last_error = ?, last_attempt_at = ?, lease_owner = NULL,
                            lease_until = NULL
                        WHERE completion_key = ? AND revision = ? AND lease_owner = ?
                        """, Timestamp.from(now.toInstant().plus(wait)), cut(error), claim.attemptedAt(), entry.completionKey(),
                        entry.revision(), entry.token());
            }
            writeHanded(handed, now, claim.attemptedAt());
            reconciliation.file(exhausted);
        });
    }

    /**
     * A completion handed over, answered (or to be tried again, or given up on): the outbox row it
     * gets, falling due at {@code due}. Its attempts and times are those the row would have had had
     * its page written it leased: the page's write the first attempt, due when the lease runs out.
     */
    private record Written(PushClaim.Entry entry, String status, String result, String error, Instant due) {
    }

    /**
     * The outbox rows of completions handed over, written once in the state their answer gives, and
     * their pages' leases told how many fewer stand unanswered: a lease with none left is deleted.
     * A row there already (the lease ran out, and its rows were written due) is kept as it is: it is
     * sent again, and the province answers DUPLICATE.
     */
    private void writeHanded(List<Written> rows, Timestamp now, Timestamp attemptedAt) {
        if (rows.isEmpty()) {
            return;
        }
        List<Written> sorted = new ArrayList<>(rows);
        // The keys' order, as pages insert them: two transactions take the index locks in the same order.
        sorted.sort(Comparator.comparing(w -> w.entry().completionKey()));
        LocalDateTime at = now.toLocalDateTime();
        LocalDateTime attempted = attemptedAt.toLocalDateTime();
        bulk.insert(TableRows.<Written>insertIgnore("push_outbox", "uk_push_outbox_key", HANDED_COLUMNS, (row, w) -> {
            PushClaim.Entry e = w.entry();
            row.text(e.completionKey()).number(e.revision()).text(w.status()).text(w.result()).text(w.error())
                    .number(e.attempts()).time(local(e.writtenAt())).time(local(w.due())).time(attempted)
                    .time("PENDING".equals(w.status()) ? null : at);
        }), sorted);
        Map<String, Integer> answered = new LinkedHashMap<>();
        sorted.forEach(w -> answered.merge(w.entry().token(), 1, Integer::sum));
        List<Map.Entry<String, Integer>> leases = new ArrayList<>(answered.entrySet());
        jdbc.batchUpdate("UPDATE push_lease SET unanswered = unanswered - ? WHERE token = ?", leases, leases.size(),
                (ps, lease) -> {
                    ps.setInt(1, lease.getValue());
                    ps.setString(2, lease.getKey());
                });
        named.update("DELETE FROM push_lease WHERE token IN (:tokens) AND unanswered <= 0",
                new MapSqlParameterSource("tokens", StatementShapes.padded(answered.keySet())));
    }

    private static LocalDateTime local(Instant instant) {
        return Timestamp.from(instant).toLocalDateTime();
    }

    private void settle(PushClaim.Entry entry, String status, String result, String error, Timestamp now,
                        Timestamp attemptedAt) {
        jdbc.update(SETTLE, status, result, cut(error), now, attemptedAt, entry.completionKey(), entry.revision(),
                entry.token());
    }

    /** An error as kept: the province's and exceptions' texts may quote an ID number, masked first, then cut. */
    private static String cut(String text) {
        text = cn.shandong.chsync.record.IdNumber.maskAny(text);
        return text == null || text.length() <= 1000 ? text : text.substring(0, 1000);
    }

    private Timestamp now() {
        return Timestamp.from(Instant.now(clock));
    }
}
