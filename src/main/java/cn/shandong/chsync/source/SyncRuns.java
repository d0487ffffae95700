package cn.shandong.chsync.source;

import cn.shandong.chsync.SyncProperties;
import cn.shandong.chsync.mapping.MappingDefinition;
import cn.shandong.chsync.reconcile.NewItem;
import cn.shandong.chsync.reconcile.ReconciliationItems;
import cn.shandong.chsync.record.IdNumber;
import cn.shandong.chsync.record.ReasonCode;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.annotation.Lazy;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The life of a sync_run row and of the source lease that goes with it: begin (take the lease,
 * read the checkpoint), finish, fail. Called by the pull route and by an operator's trigger.
 */
@Component("syncRuns")
public class SyncRuns {

    /** Exchange property that carries the {@link SyncRun} through the pull route. */
    public static final String RUN = "syncRun";
    /** Exchange property the pull route's loop reads: whether another page is due. */
    public static final String MORE_PAGES = "morePages";
    /** Header naming the trigger of a run started by the route itself (SCHEDULE, STARTUP). */
    public static final String TRIGGER = "syncTrigger";
    /** The trigger of a run that reads the platform again from its first record (see {@link #begin}). */
    public static final String FULL = "FULL";

    private static final Logger log = LoggerFactory.getLogger(SyncRuns.class);
    private static final int END_ATTEMPTS = 15;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final NodeIdentity node;
    private final SourceCatalog catalog;
    private final ReconciliationItems reconciliation;
    private final SyncProperties properties;
    private final PlatformTokens tokens;
    private final ProducerTemplate camel;
    /** Sources with a run in this process: a lease this instance holds for any other is left from a run that died. */
    private final Set<String> runningHere = ConcurrentHashMap.newKeySet();

    SyncRuns(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock, NodeIdentity node,
             SourceCatalog catalog, ReconciliationItems reconciliation, SyncProperties properties, PlatformTokens tokens,
             @Lazy ProducerTemplate camel) {
        this.camel = camel;
        this.tokens = tokens;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.node = node;
        this.catalog = catalog;
        this.reconciliation = reconciliation;
        this.properties = properties;
    }

    /**
     * Starts a run of the source if no other run holds its lease and it is not paused; a run
     * left RUNNING by an instance whose lease ran out or that stopped beating, or by a run of
     * this instance that could not record its end (the database was away), is marked ABANDONED,
     * and the new run goes on from the checkpoint last committed. A {@link #FULL} run starts a pass
     * from the platform's first record instead, whatever the cursor says (a mapping was mended, a
     * platform re-exported its history); the cursor does not move back for it.
     */
    public Optional<SyncRun> begin(String sourceId, String trigger) {
        MappingDefinition mapping = catalog.get(sourceId);
        if (!runningHere.add(sourceId)) {
            return Optional.empty();
        }
        try {
            Optional<SyncRun> run = start(mapping, sourceId, trigger);
            if (run.isEmpty()) {
                runningHere.remove(sourceId);
            }
            return run;
        } catch (RuntimeException e) {
            runningHere.remove(sourceId);
            throw e;
        }
    }

    private Optional<SyncRun> start(MappingDefinition mapping, String sourceId, String trigger) {
        return tx.execute(status -> {
            Timestamp now = now();
            int taken = jdbc.update("""
                    UPDATE source SET lease_owner = ?, lease_until = ?, updated_at = ?
                    WHERE id = ? AND paused = FALSE AND (lease_owner IS NULL OR lease_owner = ? OR lease_until < ?
                        OR lease_owner NOT IN (SELECT name FROM sync_node WHERE heartbeat_at >= ?))
                    """, node.name(), Timestamp.from(now.toInstant().plus(properties.sourceLease())), now, sourceId,
                    node.name(), now, node.aliveSince());
            if (taken != 1) {
                return Optional.<SyncRun>empty();
            }
            jdbc.update("""
                    UPDATE sync_run SET status = 'ABANDONED', finished_at = ?,
                        message = 'the instance running it stopped: its lease ran out or its heartbeat did'
                    WHERE source_id = ? AND status = 'RUNNING'
                    """, now, sourceId);
            Checkpoint checkpoint = startingPoint(mapping, FULL.equals(trigger));
            GeneratedKeyHolder key = new GeneratedKeyHolder();
            jdbc.update(con -> {
                PreparedStatement ps = con.prepareStatement("""
                        INSERT INTO sync_run (source_id, trigger_type, status, node, started_at, cursor_before)
                        VALUES (?, ?, 'RUNNING', ?, ?, ?)
                        """, Statement.RETURN_GENERATED_KEYS);
                ps.setString(1, sourceId);
                ps.setString(2, trigger);
                ps.setString(3, node.name());
                ps.setTimestamp(4, now);
                ps.setString(5, checkpoint.toString());
                return ps;
            }, key);
            long runId = key.getKey().longValue();
            jdbc.update("UPDATE source SET running_run_id = ? WHERE id = ?", runId, sourceId);
            // A source that has nothing linked yet (its first load) has nothing for its pages to look up.
            boolean nothingLinked = jdbc.queryForList("SELECT 1 FROM credit_record_source WHERE source_id = ? LIMIT 1",
                    Integer.class, sourceId).isEmpty();
            log.info("sync run {} of {} started ({}), {}", runId, sourceId, trigger, checkpoint);
            return Optional.of(new SyncRun(runId, sourceId, node.name(), checkpoint, nothingLinked));
        });
    }

    /**
     * Take-over route: every source whose run's instance stopped beating mid-run is synced here
     * from its checkpoint at once, rather than at its next cron fire. Answers the sources taken.
     */
    public List<String> takeOverOrphans() {
        List<String> orphans = jdbc.queryForList("""
                SELECT id FROM source WHERE running_run_id IS NOT NULL AND paused = FALSE AND lease_owner <> ?
                    AND lease_owner NOT IN (SELECT name FROM sync_node WHERE heartbeat_at >= ?)
                """, String.class, node.name(), node.aliveSince());
        List<String> taken = new java.util.ArrayList<>();
        for (String sourceId : orphans) {
            if (catalog.find(sourceId).isEmpty()) {
                continue;
            }
            begin(sourceId, "TAKEOVER").ifPresent(run -> {
                log.warn("source {} was mid-run on an instance that stopped: run {} takes over from its checkpoint",
                        sourceId, run.id());
                camel.asyncSend("direct:pull-" + sourceId, exchange -> exchange.setProperty(RUN, run));
                taken.add(sourceId);
            });
        }
        return taken;
    }

    /** Pull route, first step: use the run an operator already began, or begin one. */
    public void open(Exchange exchange) {
        SyncRun run = exchange.getProperty(RUN, SyncRun.class);
        if (run == null) {
            String sourceId = exchange.getMessage().getHeader("sourceId", String.class);
            String trigger = exchange.getMessage().getHeader(TRIGGER, "SCHEDULE", String.class);
            run = begin(sourceId, trigger).orElse(null);
            if (run == null) {
                log.info("sync of {} skipped: it is paused or another run holds it", sourceId);
            }
            exchange.setProperty(RUN, run);
        }
        exchange.setProperty(MORE_PAGES, run != null);
        if (run != null) {
            logContext(run);
        }
    }

    /**
     * Puts the run's id and source id in the log context (MDC) of this thread: every log line
     * of the run carries them ("runId", "sourceId"), in the console pattern and in structured logs.
     */
    static void logContext(SyncRun run) {
        MDC.put("runId", Long.toString(run.id()));
        MDC.put("sourceId", run.sourceId());
    }

    static void clearLogContext() {
        MDC.remove("runId");
        MDC.remove("sourceId");
    }

    public void finish(Exchange exchange) {
        SyncRun run = exchange.getProperty(RUN, SyncRun.class);
        logContext(run);
        end(run, "SUCCEEDED", unorderedMessage(run), List.of());
        log.info("sync run {} of {} succeeded: {} pages, {} records", run.id(), run.sourceId(), run.pages(), run.fetched());
        clearLogContext();
    }

    /**
     * What a succeeded run says: nothing, unless copies of a record conflicted with no update time
     * to tell which is newer, which the run then names, as support cannot see it elsewhere.
     */
    static String unorderedMessage(SyncRun run) {
        return run.unordered() == 0 ? null : run.unordered() + " record(s) came more than once in the pass with different"
                + " content and no update time to tell which copy is newer: the copy read last was kept";
    }

    /**
     * Pull route, on any failure: the run ends FAILED with the reason, what could not be fetched
     * or parsed is filed for support, and the checkpoint stays at the last committed page.
     */
    public void fail(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        SyncRun run = exchange.getProperty(RUN, SyncRun.class);
        if (run == null) {
            log.error("sync could not start", cause);
            return;
        }
        logContext(run);
        PullFailure failure = PullFailure.of(cause);
        if (failure.unauthorised()) {
            tokens.forget(run.sourceId());
        }
        // what a platform answered may quote its records: nothing shaped like an ID number goes on in clear
        String message = IdNumber.maskAny(failure.describe(run.checkpoint()));
        List<NewItem> filed = failure.reason() == null ? List.of() : List.of(new NewItem(run.sourceId(), run.id(),
                failure.reason().stage(), failure.reason().name(), message, null, null, null, failure.payload(),
                "run " + run.id() + " " + run.checkpoint()));
        end(run, "FAILED", message, filed);
        log.warn("sync run {} of {} failed after {} pages: {}", run.id(), run.sourceId(), run.pages(), message);
        clearLogContext();
    }

    /** Ends a run that is not the pull route's (a retry of quarantined records): SUCCEEDED, or FAILED with why. */
    void close(SyncRun run, String status, String message) {
        end(run, status, message, List.of());
    }

    /**
     * Records the run's end, files what it could not read, and frees the source, in one
     * transaction. A short database outage is waited out (up to
     * END_ATTEMPTS seconds); after that the run stays RUNNING in the table until the next run
     * of the source marks it ABANDONED.
     */
    private void end(SyncRun run, String status, String message, List<NewItem> filed) {
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    tx.executeWithoutResult(s -> {
                        Timestamp now = now();
                        jdbc.update("UPDATE sync_run SET status = ?, finished_at = ?, message = ?, cursor_after = ? WHERE id = ?",
                                status, now, message, run.storedCheckpoint().toString(), run.id());
                        jdbc.update("""
                                UPDATE source SET lease_owner = NULL, lease_until = NULL, running_run_id = NULL, updated_at = ?
                                WHERE id = ? AND lease_owner = ?
                                """, now, run.sourceId(), run.leaseOwner());
                        reconciliation.file(filed);
                        reconciliation.settleRetriedPages(run.sourceId(), run.id(), status.equals("SUCCEEDED"));
                    });
                    return;
                } catch (DataAccessException | TransactionException e) {
                    if (attempt == END_ATTEMPTS) {
                        log.error("sync run {} of {} ended {} but could not be recorded: {}", run.id(), run.sourceId(), status,
                                e.getMessage());
                        return;
                    }
                    sleep();
                }
            }
        } finally {
            runningHere.remove(run.sourceId());
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Resume the pass in progress, or start a new one a look-back window before the last high-water mark. */
    private Checkpoint startingPoint(MappingDefinition mapping, boolean fromTheStart) {
        List<Checkpoint> stored = jdbc.query(
                "SELECT since_value, pass_since, page_state, pass_high_water FROM source_cursor WHERE source_id = ?",
                (rs, i) -> new Checkpoint(time(rs.getString(1)), time(rs.getString(2)), rs.getString(3),
                        time(rs.getString(4))),
                mapping.id());
        Checkpoint c = stored.isEmpty() ? Checkpoint.EMPTY : stored.get(0);
        if (fromTheStart) {
            return new Checkpoint(c.since(), null, catalog.pager(mapping.id()).first(null), c.since());
        }
        if (c.inPass()) {
            return c;
        }
        var cursor = mapping.request().cursor();
        // A platform without a cursor has no high-water mark: each pass starts from its first page.
        LocalDateTime passSince = c.since() == null || cursor == null || cursor.lookback() == null
                ? c.since() : c.since().minus(cursor.lookback());
        return new Checkpoint(c.since(), passSince, catalog.pager(mapping.id()).first(passSince), c.since());
    }

    private static LocalDateTime time(String text) {
        return text == null ? null : LocalDateTime.parse(text);
    }

    private Timestamp now() {
        return Timestamp.from(Instant.now(clock));
    }
}
