package cn.shandong.chsync.push;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shandong.chsync.SyncProperties;
import cn.shandong.chsync.it.ServiceState;
import cn.shandong.chsync.it.Waits;
import cn.shandong.chsync.reconcile.ReconciliationItems;
import cn.shandong.chsync.security.IdProtection;
import cn.shandong.chsync.security.PlatformAddresses;
import cn.shandong.chsync.sql.BulkInsert;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.SqlProvider;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The claim reads the due rows, then leases them by id. Between the two another instance may
 * lease some of them, or a failed batch may put some off: the claim must send only the rows its
 * lease took. Both are made to happen at that very point, not left to chance as in ClusterMariaDbIT.
 * Run once per database by the subclasses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sync.sync-on-start=false",
        "sync.scheduler.enabled=false",
        "sync.simulators.people=150",
        // one push worker: every row is worker 0's, whichever id the database gives a row written here
        "sync.push.workers=1",
})
abstract class LeaseRaceTests {

    private static final int RACED = 3;

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CamelContext camel;
    @Autowired
    DataSource dataSource;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    ObjectMapper json;
    @Autowired
    ReconciliationItems reconciliation;
    @Autowired
    Clock clock;
    @Autowired
    SyncProperties properties;
    @Autowired
    MeterRegistry meters;
    @Autowired
    Environment environment;
    @Autowired
    IdProtection ids;
    @Autowired
    PlatformAddresses addresses;
    @Autowired
    BulkInsert bulk;

    @BeforeEach
    void pendingRowsNobodyPushes() throws Exception {
        http = http.withBasicAuth("admin", "admin");
        // the service's own push must not claim: the test claims by hand
        camel.getRouteController().stopRoute("push");
        ServiceState.startFromNothing(jdbc, http);
        ResponseEntity<JsonNode> started = http.postForEntity("/api/sources/sdbz/sync", null, JsonNode.class);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        long runId = started.getBody().path("runId").asLong();
        Waits.await(() -> jdbc.queryForObject("SELECT COUNT(*) FROM sync_run WHERE id = ? AND finished_at IS NOT NULL",
                Integer.class, runId) == 1, "run " + runId + " to finish", Duration.ofSeconds(60));
        // Due a minute ago, not since their pages' commits: on MariaDB, Connector/J binds a time without its
        // fraction of a second (it takes the server's "5.5.5-10.11" for a MySQL older than 5.6.4), so a row
        // committed in the claim's own second would not be due yet.
        jdbc.update("UPDATE push_outbox SET next_attempt_at = ?", Timestamp.from(Instant.now(clock).minus(Duration.ofMinutes(1))));
        // more due rows for worker 0 than a batch: the batch is full whatever the race takes out of it
        assertThat(pendingOfWorkerZero()).hasSizeGreaterThan(properties.push().batchSize());
    }

    @Test
    void rowsAnotherInstanceLeasesBetweenTheReadAndTheLeaseAreNotSent() throws Exception {
        List<Long> first = pendingOfWorkerZero().subList(0, properties.push().batchSize());
        List<Long> stolen = first.subList(0, RACED);
        Timestamp until = Timestamp.from(Instant.now(clock).plus(Duration.ofMinutes(5)));

        Exchange exchange = claimWith(() -> stolen.forEach(id -> jdbc.update(
                "UPDATE push_outbox SET lease_owner = 'another-instance', lease_until = ?, attempts = attempts + 1 WHERE id = ?",
                until, id)));

        PushClaim claim = exchange.getProperty(PushRoute.CLAIM, PushClaim.class);
        assertThat(exchange.getProperty(PushRoute.CLAIMED, Integer.class)).isEqualTo(first.size() - RACED);
        assertThat(claim.entries()).extracting(PushClaim.Entry::id).containsExactlyElementsOf(first.subList(RACED, first.size()));
        assertSentExactly(exchange, claim);
        assertThat(jdbc.queryForList("SELECT id FROM push_outbox WHERE lease_owner = ? ORDER BY id", Long.class,
                claim.entries().get(0).token()))
                .containsExactlyElementsOf(first.subList(RACED, first.size()));
        for (long id : stolen) {
            assertThat(jdbc.queryForObject("SELECT lease_owner FROM push_outbox WHERE id = ?", String.class, id))
                    .isEqualTo("another-instance");
            assertThat(jdbc.queryForObject("SELECT attempts FROM push_outbox WHERE id = ?", Integer.class, id))
                    .as("counted once, by the instance that leased it").isEqualTo(1);
        }
    }

    @Test
    void rowsPutOffBetweenTheReadAndTheLeaseAreNotSent() throws Exception {
        List<Long> first = pendingOfWorkerZero().subList(0, properties.push().batchSize());
        List<Long> putOff = first.subList(first.size() - RACED, first.size());
        Timestamp later = Timestamp.from(Instant.now(clock).plus(Duration.ofMinutes(5)));

        Exchange exchange = claimWith(() -> putOff.forEach(id -> jdbc.update(
                "UPDATE push_outbox SET next_attempt_at = ?, last_error = 'failed elsewhere' WHERE id = ?", later, id)));

        PushClaim claim = exchange.getProperty(PushRoute.CLAIM, PushClaim.class);
        assertThat(exchange.getProperty(PushRoute.CLAIMED, Integer.class)).isEqualTo(first.size() - RACED);
        assertThat(claim.entries()).extracting(PushClaim.Entry::id).containsExactlyElementsOf(first.subList(0, first.size() - RACED));
        assertSentExactly(exchange, claim);
        for (long id : putOff) {
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM push_outbox WHERE id = ? AND lease_owner IS NULL AND attempts = 0",
                    Integer.class, id)).as("row %d not leased, not counted", id).isEqualTo(1);
        }
    }

    @Test
    void aPagesLeaseThatRunsOutUnansweredBecomesItsCompletionsOutboxRowsDueThenAndNotBefore() throws Exception {
        // given a page's lease, as a page writes one for the completions it hands over, whose instance stopped
        // with one of its two completions answered and the other not: that one has no outbox row; the rest not due
        Instant written = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS);
        Timestamp leaseEnds = Timestamp.from(written.plus(properties.push().lease()));
        List<Long> pending = pendingOfWorkerZero();
        HandedCompletion unanswered = handed(pending.get(0));
        HandedCompletion answered = handed(pending.get(1));
        jdbc.update("UPDATE push_outbox SET next_attempt_at = ?", Timestamp.from(written.plus(Duration.ofHours(1))));
        jdbc.update("DELETE FROM push_outbox WHERE id = ?", pending.get(0));
        jdbc.update("UPDATE push_outbox SET status = 'DONE', result = 'ACCEPTED', attempts = 1, done_at = ? WHERE id = ?",
                Timestamp.from(written), pending.get(1));
        jdbc.update("INSERT INTO push_lease (token, created_at, lease_until, unanswered, entries) VALUES (?, ?, ?, ?, ?)",
                "a-page-of-a-stopped-instance", Timestamp.from(written), leaseEnds, 1,
                unanswered.completionKey() + ":" + unanswered.revision() + "\n" + answered.completionKey() + ":" + answered.revision() + "\n");

        // when the outbox is claimed a second before the lease ends, then nothing is taken, and the lease stands
        Exchange before = claimAt(leaseEnds.toInstant().minusSeconds(1));
        assertThat(before.getProperty(PushRoute.CLAIMED, Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM push_lease", Integer.class)).isEqualTo(1);
        assertThat(outboxRows(unanswered)).isZero();

        // when it is claimed a second after, then the lease is gone, the unanswered completion's row is written as its
        // page would have written it leased (written then, its first attempt counted, due when the lease ended) and
        // taken at once, its second attempt counted; the answered one's row is as it was
        Exchange after = claimAt(leaseEnds.toInstant().plusSeconds(1));
        PushClaim claim = after.getProperty(PushRoute.CLAIM, PushClaim.class);
        assertThat(claim.entries()).extracting(PushClaim.Entry::completionKey).containsExactly(unanswered.completionKey());
        assertThat(claim.entries().get(0).attempts()).isEqualTo(2);
        assertSentExactly(after, claim);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM push_lease", Integer.class)).isZero();
        record Row(String status, String result, int attempts, Instant created, Instant due, String leaseOwner) {
        }
        List<Row> rows = jdbc.query("""
                SELECT status, result, attempts, created_at, next_attempt_at, lease_owner FROM push_outbox
                WHERE completion_key IN (?, ?) ORDER BY status""", (rs, i) -> new Row(rs.getString(1), rs.getString(2),
                rs.getInt(3), rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(), rs.getString(6)),
                unanswered.completionKey(), answered.completionKey());
        assertThat(rows).containsExactly(
                new Row("DONE", "ACCEPTED", 1, rows.get(0).created(), rows.get(0).due(), null),
                new Row("PENDING", null, 2, written, leaseEnds.toInstant(), claim.entries().get(0).token()));
    }

    /** An outbox row's completion key and revision. */
    private record HandedCompletion(String completionKey, int revision) {
    }

    private HandedCompletion handed(long id) {
        return jdbc.queryForObject("SELECT completion_key, revision FROM push_outbox WHERE id = ?",
                (rs, i) -> new HandedCompletion(rs.getString(1), rs.getInt(2)), id);
    }

    private int outboxRows(HandedCompletion completion) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM push_outbox WHERE completion_key = ? AND revision = ?", Integer.class,
                completion.completionKey(), completion.revision());
    }

    /** One claim by worker 0, nothing handed over, with the clock at {@code instant}. */
    private Exchange claimAt(Instant instant) throws Exception {
        Clock at = Clock.fixed(instant, clock.getZone());
        PushRoute outbox = pushRoute(jdbc, at);
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(PushRoute.WORKER, 0);
        outbox.claim(exchange);
        return exchange;
    }

    /** The push route's steps on {@code database} with the clock at {@code at}, nothing handed over. */
    private PushRoute pushRoute(JdbcTemplate database, Clock at) {
        PushHandoff handoff = new PushHandoff(0, properties.push().lease(), 1000, () -> true, System::nanoTime);
        OutboxRepository outbox = new OutboxRepository(database, transactions, bulk);
        return new PushRoute(new ClaimPolicy(outbox, handoff, ids, json, at, properties, 1000),
                new AnswerSettler(outbox, reconciliation, transactions, meters, at, properties), json, at, properties, meters,
                environment, addresses, handoff);
    }

    /** The request holds one item per entry, the same keys in the same order. */
    private void assertSentExactly(Exchange exchange, PushClaim claim) throws Exception {
        JsonNode request = json.readTree(exchange.getMessage().getBody(byte[].class));
        assertThat(request.path("items")).extracting(item -> item.path("completionKey").asText())
                .containsExactlyElementsOf(claim.entries().stream().map(PushClaim.Entry::provinceKey).toList());
    }

    /** Worker 0's pending rows in the order its claim takes them. */
    private List<Long> pendingOfWorkerZero() {
        return jdbc.queryForList("SELECT id FROM push_outbox WHERE status = 'PENDING' AND MOD(id, ?) = 0 "
                + "ORDER BY next_attempt_at, id", Long.class, properties.push().workers());
    }

    /** One claim by worker 0 of an outbox whose lease statement is preceded, once, by {@code race}. */
    private Exchange claimWith(Runnable race) throws Exception {
        AtomicBoolean raced = new AtomicBoolean();
        JdbcTemplate racing = new JdbcTemplate(dataSource) {
            @Override
            public int update(PreparedStatementCreator statement) {
                if (statement instanceof SqlProvider sql && sql.getSql().contains("SET lease_owner = ?, lease_until = ?")
                        && raced.compareAndSet(false, true)) {
                    race.run();
                }
                return super.update(statement);
            }
        };
        // nothing handed over: every row is claimed from the outbox
        PushRoute outbox = pushRoute(racing, clock);
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(PushRoute.WORKER, 0);
        outbox.claim(exchange);
        assertThat(raced).as("the claim's lease statement was met, and the race run before it").isTrue();
        return exchange;
    }
}
