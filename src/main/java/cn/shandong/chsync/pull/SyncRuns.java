package cn.shandong.chsync.pull;

import cn.shandong.chsync.SyncProperties;
import cn.shandong.chsync.cluster.SourceLease;
import cn.shandong.chsync.mapping.MappingDefinition;
import cn.shandong.chsync.reconcile.NewItem;
import cn.shandong.chsync.reconcile.ReconciliationItems;
import cn.shandong.chsync.record.IdNumber;
import cn.shandong.chsync.record.LineageRepository;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The pull route's first and last steps, and an operator's trigger: a run begins by taking its
 * source's lease (SourceLease) and recording itself (RunRecords) from the checkpoint last
 * committed, and ends SUCCEEDED or FAILED with its reason, freeing the lease, in one transaction.
 * Longer than most because a run's begin and end share their transaction and lease rules, which
 * read best side by side; the run's state is SyncRun's, its rows RunRecords', its lease SourceLease's.
 */
@Component("syncRuns")
public class SyncRuns {

    /** Exchange property that carries the {@link SyncRun} through the pull route. */
    public static final String RUN = "syncRun";
    /** Exchange property the pull route's loop reads: whether another page is due. */
    public static final String MORE_PAGES = "morePages";
    /** Header naming the trigger of a run started by the route itself (a RunTrigger: SCHEDULE, STARTUP). */
    public static final String TRIGGER = "syncTrigger";

    /** The code of a run that met copies of a record it could not order (see unorderedMessage). */
    static final String UNORDERED_COPIES = "UNORDERED_COPIES";

    private static final Logger log = LoggerFactory.getLogger(SyncRuns.class);
    /**
     * How many times, a second apart, a run's end is tried while the database is away: long enough
     * to ride out a fail-over, short enough not to hold the route's thread from the next run.
     */
    private static final int END_ATTEMPTS = 15;

    private final RunRecords records;
    private final LineageRepository lineage;
    private final SourceLease lease;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final SourceCatalog catalog;
    private final ReconciliationItems reconciliation;
    private final SyncProperties properties;
    private final PlatformTokens tokens;
    private final ProducerTemplate camel;
    /** Sources with a run in this process: a lease this instance holds for any other is left from a run that died. */
    private final Set<String> runningHere = ConcurrentHashMap.newKeySet();

    SyncRuns(RunRecords records, LineageRepository lineage, SourceLease lease, PlatformTransactionManager transactions, Clock clock,
             SourceCatalog catalog, ReconciliationItems reconciliation, SyncProperties properties, PlatformTokens tokens,
             @Lazy ProducerTemplate camel) {
        this.records = records;
        this.lineage = lineage;
        this.lease = lease;
        this.camel = camel;
        this.tokens = tokens;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.catalog = catalog;
        this.reconciliation = reconciliation;
        this.properties = properties;
    }

    /**
     * Starts a run of the source if no other run holds its lease and it is not paused; a run
     * left RUNNING by an instance whose lease ran out or that stopped beating, or by a run of
     * this instance that could not record its end (the database was away), is marked ABANDONED,
     * and the new run goes on from the checkpoint last committed. A {@link RunTrigger#FULL} run starts
     * a pass from the platform's first record instead, whatever the cursor says (a mapping was
     * mended, a platform re-exported its history); the cursor does not move back for it.
     */
    public Optional<SyncRun> begin(String sourceId, RunTrigger trigger) {
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

    private Optional<SyncRun> start(MappingDefinition mapping, String sourceId, RunTrigger trigger) {
        return tx.execute(status -> {
            Timestamp now = now();
            if (!lease.take(sourceId, now, properties.sourceLease())) {
                return Optional.<SyncRun>empty();
            }
            records.abandonRunning(sourceId, now);
            Checkpoint checkpoint = startingPoint(mapping, trigger == RunTrigger.FULL);
            long runId = records.start(sourceId, trigger, lease.owner(), now, checkpoint);
            lease.heldFor(sourceId, runId);
            log.info("sync run {} of {} started ({}), {}", runId, sourceId, trigger, checkpoint);
            return Optional.of(new SyncRun(runId, sourceId, lease.owner(), checkpoint, lineage.nothingLinked(sourceId)));
        });
    }

    /**
     * Take-over route: every source whose run's instance stopped beating mid-run is synced here
     * from its checkpoint at once, rather than at its next cron fire. Answers the sources taken.
     */
    public List<String> takeOverOrphans() {
        List<String> taken = new ArrayList<>();
        for (String sourceId : lease.orphans()) {
            if (catalog.find(sourceId).isEmpty()) {
                continue;
            }
            begin(sourceId, RunTrigger.TAKEOVER).ifPresent(run -> {
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
            RunTrigger trigger = RunTrigger.valueOf(exchange.getMessage().getHeader(TRIGGER, "SCHEDULE", String.class));
            run = begin(sourceId, trigger).orElse(null);
            if (run == null) {
                log.info("sync of {} skipped: it is paused or another run holds it", sourceId);
            }
            exchange.setProperty(RUN, run);
        }
        exchange.setProperty(MORE_PAGES, run != null);
        if (run != null) {
            RunLogContext.enter(run);
        }
    }

    public void finish(Exchange exchange) {
        SyncRun run = exchange.getProperty(RUN, SyncRun.class);
        RunLogContext.enter(run);
        end(run, RunStatus.SUCCEEDED, unorderedMessage(run), run.unordered() == 0 ? null : UNORDERED_COPIES, List.of());
        log.info("sync run {} of {} succeeded: {} pages, {} records", run.id(), run.sourceId(), run.pages(), run.fetched());
        RunLogContext.leave();
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
        RunLogContext.enter(run);
        PullFailure failure = PullFailure.of(cause);
        if (failure.unauthorised()) {
            tokens.forget(run.sourceId());
        }
        // what a platform answered may quote its records: nothing shaped like an ID number goes on in clear
        String message = IdNumber.maskAny(failure.describe(run.checkpoint()));
        List<NewItem> filed = failure.reason() == null ? List.of() : List.of(new NewItem(run.sourceId(), run.id(),
                failure.reason().stage(), failure.reason().name(), message, null, null, null, failure.payload(),
                "run " + run.id() + " " + run.checkpoint()));
        end(run, RunStatus.FAILED, message, failure.code(), filed);
        log.warn("sync run {} of {} failed after {} pages: {}", run.id(), run.sourceId(), run.pages(), message);
        RunLogContext.leave();
    }

    /** Ends a run that is not the pull route's (a retry of quarantined records): SUCCEEDED, or FAILED with why. */
    public void close(SyncRun run, RunStatus status, String message) {
        end(run, status, message, status == RunStatus.FAILED ? PullFailure.INTERNAL_ERROR : null, List.of());
    }

    /**
     * Records the run's end, files what it could not read, and frees the source, in one
     * transaction. A short database outage is waited out (up to END_ATTEMPTS seconds); after that
     * the run stays RUNNING in the table until the next run of the source marks it ABANDONED.
     */
    private void end(SyncRun run, RunStatus status, String message, String reasonCode, List<NewItem> filed) {
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    tx.executeWithoutResult(s -> {
                        Timestamp now = now();
                        records.end(run.id(), status, message, reasonCode, run.storedCheckpoint(), now);
                        lease.release(run.sourceId(), run.leaseOwner(), now);
                        reconciliation.file(filed);
                        reconciliation.settleRetriedPages(run.sourceId(), run.id(), status == RunStatus.SUCCEEDED);
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
        Checkpoint c = records.checkpoint(mapping.id());
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

    private Timestamp now() {
        return Timestamp.from(Instant.now(clock));
    }
}
