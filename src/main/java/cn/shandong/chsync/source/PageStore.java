package cn.shandong.chsync.source;

import cn.shandong.chsync.dedupe.PageClassifier.Known;
import cn.shandong.chsync.dedupe.PageClassifier;
import cn.shandong.chsync.dedupe.PagePlan.Counts;
import cn.shandong.chsync.dedupe.PagePlan.LineageWrite;
import cn.shandong.chsync.dedupe.PagePlan.RecordWrite;
import cn.shandong.chsync.dedupe.PagePlan;
import cn.shandong.chsync.dedupe.RecordKeys;
import cn.shandong.chsync.mapping.MappedRecord;
import cn.shandong.chsync.push.LeaseEntries;
import cn.shandong.chsync.push.OutboxRepository;
import cn.shandong.chsync.push.PushHandoff;
import cn.shandong.chsync.reconcile.ReconciliationItems;
import cn.shandong.chsync.record.CreditRecord;
import cn.shandong.chsync.security.IdProtection;
import cn.shandong.chsync.sql.BulkInsert;
import cn.shandong.chsync.sql.Row;
import cn.shandong.chsync.sql.StatementRow;
import cn.shandong.chsync.sql.StatementShapes;
import cn.shandong.chsync.sql.TableRows;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Commits one page in one transaction: the canonical records, their lineage, the outbox rows
 * (or the lease that stands for them, see PushHandoff), the quarantined items, the cursor
 * checkpoint and the run's counters. A crash before the commit leaves the previous page's
 * checkpoint, so the page is fetched again and nothing is repeated.
 * Duplicates are kept out by UNIQUE keys; the reads here only decide how to count and what to push.
 * A small page is held as read and a page that changes nothing is kept as counted: each goes
 * with the run's next committed page, so a day's file of a few dozen records is not a transaction.
 */
@Component
class PageStore {

    private static final Logger log = LoggerFactory.getLogger(PageStore.class);

    private static final String RECORD_COLUMNS = """
            completion_key, revision, fingerprint, id_hash, id_cipher, person_name, employer_name, employer_code,
            city_code, source_id, source_record_id, course_id, course_name, subject, kind, amount, unit, hours,
            completion_date, study_year, certificate_no, state, created_at, updated_at, province_key""";
    private static final String UPDATE_RECORD = """
            UPDATE credit_record SET revision = ?, fingerprint = ?, id_hash = ?, id_cipher = ?, person_name = ?,
                employer_name = ?, employer_code = ?, city_code = ?, source_id = ?, source_record_id = ?,
                course_id = ?, course_name = ?, subject = ?, kind = ?, amount = ?, unit = ?, hours = ?,
                completion_date = ?, study_year = ?, certificate_no = ?, state = ?,
                updated_at = ?
            WHERE completion_key = ?
            """;
    private static final String LINEAGE_COLUMNS = """
            source_id, source_record_id, completion_key, is_primary, fingerprint, revision, source_updated_at,
            first_run_id, last_run_id, created_at, updated_at""";
    private static final String UPDATE_LINEAGE = """
            UPDATE credit_record_source SET fingerprint = ?, revision = ?, source_updated_at = ?, last_run_id = ?,
                updated_at = ?
            WHERE source_id = ? AND source_record_id = ?
            """;
    private static final String OUTBOX_COLUMNS = "completion_key, revision, status, attempts, next_attempt_at, created_at";
    // An older revision not yet sent need not be: the newer one carries the current content.
    private static final String SUPERSEDE_OUTBOX = """
            UPDATE push_outbox SET status = 'SUPERSEDED', done_at = ?
            WHERE completion_key = ? AND revision < ? AND status = 'PENDING' AND (lease_until IS NULL OR lease_until < ?)
            """;
    private static final String SAVE_CHECKPOINT = """
            INSERT INTO source_cursor (source_id, since_value, pass_since, page_state, pass_high_water, updated_at)
            VALUES (?, ?, ?, ?, ?, ?)
            ON DUPLICATE KEY UPDATE since_value = VALUES(since_value), pass_since = VALUES(pass_since),
                page_state = VALUES(page_state), pass_high_water = VALUES(pass_high_water), updated_at = VALUES(updated_at)
            """;
    private static final String ADD_COUNTS = """
            UPDATE sync_run SET pages = pages + ?, fetched = fetched + ?, new_records = new_records + ?,
                replays = replays + ?, revisions = revisions + ?, cross_source_duplicates = cross_source_duplicates + ?,
                quarantined = quarantined + ?, superseded = superseded + ?, cursor_after = COALESCE(?, cursor_after),
                expected_total = COALESCE(?, expected_total)
            WHERE id = ?
            """;

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final TransactionTemplate tx;
    private final ReconciliationItems reconciliation;
    private final Clock clock;
    private final Duration lease;
    private final IdProtection ids;
    private final RecordKeys keys;
    private final BulkInsert bulk;
    private final long heldPagesCommitEvery;
    private final int commitRecords;
    private final PushHandoff handoff;
    private final OutboxRepository outbox;

    PageStore(JdbcTemplate jdbc, PlatformTransactionManager transactions, ReconciliationItems reconciliation,
              Clock clock, cn.shandong.chsync.SyncProperties properties, IdProtection ids, BulkInsert bulk,
              PushHandoff handoff, OutboxRepository outbox,
              @Value("${sync.pull.held-pages-commit-every}") Duration heldPagesCommitEvery,
              @Value("${sync.pull.commit-records}") int commitRecords) {
        this.handoff = handoff;
        this.outbox = outbox;
        this.heldPagesCommitEvery = heldPagesCommitEvery.toNanos();
        this.commitRecords = commitRecords;
        this.ids = ids;
        this.bulk = bulk;
        this.keys = ids.recordKeys();
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.tx = new TransactionTemplate(transactions);
        // Read committed: a completion another source committed a moment ago must be seen, not a snapshot.
        this.tx.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.reconciliation = reconciliation;
        this.clock = clock;
        this.lease = properties.sourceLease();
    }

    /**
     * Commits a page, with the pages held and kept before it, or holds or keeps it for the next.
     * {@code after} is the checkpoint to store with it (null for records that do not come from
     * paging, such as a retry of quarantined ones); {@code total} is what the platform says the
     * pass holds, when it says. Returns the counts of the pages classified now: none for a page
     * held, the held pages' with the page that ends their holding.
     */
    Counts store(SyncRun run, List<MappedRecord> items, Checkpoint after, Long total) {
        if (holds(run, items, after)) {
            run.hold(items, total);
            return Counts.NONE;
        }
        List<List<MappedRecord>> pages = run.unstored().heldAnd(items);
        if (run.nothingLinked()) {
            try {
                return store(run, pages, after, total, false);
            } catch (DuplicateKeyException e) {
                // A source key linked by an earlier page of this run (a record moved on in the platform's
                // order, or listed twice): the lineage's primary key refused it, and the page rolled back.
                log.info("run {} of {} met a record of an earlier page again: its pages read what is linked from now on",
                        run.id(), run.sourceId());
                run.somethingLinked();
            }
        }
        Counts kept = keepIfUnchanged(run, pages, after, total);
        return kept != null ? kept : store(run, pages, after, total, true);
    }

    /**
     * Whether pages read may wait to be committed with a later one: they are of a pass, not its
     * last, and the run committed less than sync.pull.held-pages-commit-every ago.
     */
    private boolean mayWait(SyncRun run, Checkpoint after) {
        return after != null && after.inPass() && run.sinceStored() < heldPagesCommitEvery;
    }

    /**
     * Whether a page is held as read: it may wait, and its records with those of the pages held
     * before it are fewer than sync.pull.commit-records. A platform that serves a file a day, a
     * few dozen records each, commits a transaction per thousand records, not one per day.
     */
    private boolean holds(SyncRun run, List<MappedRecord> items, Checkpoint after) {
        return mayWait(run, after) && run.unstored().heldRecords() + items.size() < commitRecords;
    }

    /**
     * Pages (the held ones and the one just read) whose records are all known as they were (or
     * unusable) change nothing but the checkpoint and the run's counts. They are kept from the
     * database, read but not committed, until the next page that is (see mayWait): a re-read
     * commits a page a second, not each of its pages. A run that breaks meanwhile resumes from the
     * last committed checkpoint and reads those pages again, replays again. Null when the pages
     * are to be committed.
     */
    private Counts keepIfUnchanged(SyncRun run, List<List<MappedRecord>> pages, Checkpoint after, Long total) {
        if (!mayWait(run, after)) {
            return null;
        }
        RecordKeys page = RecordKeys.once(keys);
        // A valid record not linked yet always changes something (a lineage row at least), so which
        // completions are held need not be read to tell.
        PagePlan plan = PageClassifier.classifyPages(pages, known(run, flat(pages), page), Set.of(), page);
        if (!plan.changesNothing()) {
            return null;
        }
        run.keepUnstored(pages.size(), plan.counts(), plan.quarantined(), total);
        return plan.counts();
    }

    /**
     * {@code readLinked}: whether to read which of the pages' source keys are linked already. A run
     * whose source had nothing linked when it began need not, while none of its records turns up
     * twice: a repeat is refused by the lineage's primary key, and the pages are stored again reading.
     * On a platform's first load that spares a read of every record id, the page's largest.
     */
    private Counts store(SyncRun run, List<List<MappedRecord>> pages, Checkpoint after, Long total, boolean readLinked) {
        SyncRun.Unstored kept = run.unstored();
        List<MappedRecord> items = flat(pages);
        Counts stored = tx.execute(status -> {
            Timestamp now = Timestamp.from(Instant.now(clock));
            renewLease(run, now);
            RecordKeys page = RecordKeys.once(keys);
            Map<String, Known> known = readLinked ? known(run, items, page) : Map.of();
            // Where the insert names the completions it keeps out, another source's are found by inserting them.
            Set<String> held = bulk.namesKeptOut(items.size()) ? Set.of() : held(items, known, page);
            PagePlan plan = PageClassifier.classifyPages(pages, known, held, page);
            // Bound as LocalDateTime: the driver writes a Timestamp through a new SimpleDateFormat each
            // time, which was an eighth of the service's sampled CPU in bench/run.
            LocalDateTime at = now.toLocalDateTime();
            writeRecords(run, plan, at, page);
            writeLineage(run, plan, at);
            writeOutbox(plan, now, page);
            List<MappedRecord> quarantined = new ArrayList<>(kept.quarantined);
            quarantined.addAll(plan.quarantined());
            reconciliation.fileQuarantined(run.sourceId(), run.id(), quarantined);
            if (after != null) {
                saveCheckpoint(run.sourceId(), after, now);
            }
            Counts counts = plan.counts();
            Counts added = counts.plus(kept.counts);
            jdbc.update(ADD_COUNTS, pages.size() + kept.pages, added.fetched(), added.newRecords(), added.replays(),
                    added.revisions(), added.crossSourceDuplicates(), added.quarantined(), added.superseded(),
                    after == null ? null : after.toString(), total != null ? total : kept.total, run.id());
            return counts;
        });
        run.stored(after);
        return stored;
    }

    private static List<MappedRecord> flat(List<List<MappedRecord>> pages) {
        if (pages.size() == 1) {
            return pages.get(0);
        }
        List<MappedRecord> items = new ArrayList<>();
        pages.forEach(items::addAll);
        return items;
    }

    private void renewLease(SyncRun run, Timestamp now) {
        int renewed = jdbc.update("UPDATE source SET lease_until = ? WHERE id = ? AND lease_owner = ?",
                Timestamp.from(now.toInstant().plus(lease)), run.sourceId(), run.leaseOwner());
        if (renewed != 1) {
            throw new LeaseLostException(run.sourceId(), run.id());
        }
    }

    /**
     * The page's source keys already linked. Their fingerprints are read first: a source key whose
     * every copy in the pages is as stored is a replay, and nothing more of it is read (in a re-read
     * with nothing changed, nothing more at all: alone on MariaDB, 200 reads of 1,024 keys took 0.67
     * CPU-s for the fingerprints and 0.77 with the other columns, whose text the service then
     * decoded). Of those that changed, the rest of the lineage is read, and the completion's own
     * revision where this source is its primary one (a revision follows it).
     */
    private Map<String, Known> known(SyncRun run, List<MappedRecord> items, RecordKeys page) {
        String sourceId = run.sourceId();
        List<MappedRecord> valid = items.stream().filter(MappedRecord::valid).toList();
        Set<String> ids = new HashSet<>();
        valid.forEach(r -> ids.add(r.sourceRecordId()));
        Map<String, Known> known = new HashMap<>();
        if (ids.isEmpty()) {
            return known;
        }
        Map<String, String> fingerprints = new HashMap<>();
        named.query("SELECT source_record_id, fingerprint FROM credit_record_source WHERE source_id = :source AND source_record_id IN (:ids)",
                new MapSqlParameterSource("source", sourceId).addValue("ids", StatementShapes.padded(ids)), rs -> {
                    fingerprints.put(rs.getString(1), rs.getString(2));
                });
        // Any copy of the record, in pages stored together, may be the one that changed.
        Set<String> changed = new HashSet<>();
        for (MappedRecord r : valid) {
            String stored = fingerprints.get(r.sourceRecordId());
            if (stored != null && !stored.equals(page.fingerprint(r.record()))) {
                changed.add(r.sourceRecordId());
            }
        }
        fingerprints.forEach((id, fingerprint) -> {
            if (!changed.contains(id)) {
                known.put(id, Known.asStored(fingerprint));
            }
        });
        if (changed.isEmpty()) {
            return known;
        }
        named.query("""
                SELECT source_record_id, completion_key, revision, is_primary, source_updated_at, last_run_id
                FROM credit_record_source WHERE source_id = :source AND source_record_id IN (:ids)
                """, new MapSqlParameterSource("source", sourceId).addValue("ids", StatementShapes.padded(changed)),
                rs -> {
                    String id = rs.getString(1);
                    // what an earlier page of this run stored is an earlier copy of the same pass (see PageClassifier)
                    known.put(id, new Known(rs.getString(2), fingerprints.get(id), rs.getInt(3), rs.getBoolean(4), 0,
                            rs.getObject(5, LocalDateTime.class), rs.getLong(6) == run.id()));
                });
        Map<String, String> revised = new HashMap<>();
        for (String id : changed) {
            Known k = known.get(id);
            if (k != null && k.primary()) {
                revised.put(k.completionKey(), id);
            }
        }
        if (!revised.isEmpty()) {
            named.query("SELECT completion_key, revision FROM credit_record WHERE completion_key IN (:keys)",
                    new MapSqlParameterSource("keys", StatementShapes.padded(revised.keySet())), rs -> {
                        String id = revised.get(rs.getString(1));
                        Known k = known.get(id);
                        known.put(id, new Known(k.completionKey(), k.fingerprint(), k.lineageRevision(), true, rs.getInt(2),
                                k.sourceUpdatedAt(), k.thisPass()));
                    });
        }
        return known;
    }

    /**
     * Which completions of the page's source keys not yet linked are stored already (another
     * source's). Read before inserting where the insert cannot name the rows it keeps out: it
     * would have to read every key of the page back. A re-read, whose keys are all linked, reads
     * nothing here.
     */
    private Set<String> held(List<MappedRecord> items, Map<String, Known> known, RecordKeys page) {
        Set<String> wanted = new HashSet<>();
        items.stream().filter(r -> r.valid() && !known.containsKey(r.sourceRecordId()))
                .forEach(r -> wanted.add(page.completionKey(r.record())));
        Set<String> held = new HashSet<>();
        if (!wanted.isEmpty()) {
            named.query("SELECT completion_key FROM credit_record WHERE completion_key IN (:keys)",
                    new MapSqlParameterSource("keys", StatementShapes.padded(wanted)), rs -> {
                        held.add(rs.getString(1));
                    });
        }
        return held;
    }

    private void writeRecords(SyncRun run, PagePlan plan, LocalDateTime at, RecordKeys page) {
        List<RecordWrite> inserts = new ArrayList<>(plan.recordInserts());
        // One global order of keys, so two sources inserting overlapping completions at once
        // take the index locks in the same order instead of deadlocking.
        inserts.sort(Comparator.comparing(RecordWrite::completionKey));
        BulkInsert.Inserted inserted = bulk.insertNamingKeptOut(TableRows.<RecordWrite>insertIgnore("credit_record",
                "uk_credit_record_key", RECORD_COLUMNS, (row, w) -> {
            content(row.text(w.completionKey()), w).time(at).time(at)
                    // the key the province knows the completion by, which only it is sent: encrypted like the ID number
                    .text(ids.encrypt(page.provinceKey(w.record())));
        }), inserts);
        if (inserted.rows() < inserts.size()) {
            // The insert kept out rows whose keys another source holds: ours are its duplicates.
            Set<String> keptOut = keptOut(inserts, inserted.keptOut());
            Map<String, String> owners = new HashMap<>();
            named.query("SELECT completion_key, source_id, source_record_id FROM credit_record WHERE completion_key IN (:keys)",
                    new MapSqlParameterSource("keys", StatementShapes.padded(keptOut)), rs -> {
                        owners.put(rs.getString(1), rs.getString(2) + '|' + rs.getString(3));
                    });
            for (RecordWrite w : inserts) {
                if (!keptOut.contains(w.completionKey())) {
                    continue;
                }
                String owner = owners.get(w.completionKey());
                if (owner == null) {
                    // Kept out, yet no row holds its key: not a duplicate, and demoting it would lose the
                    // completion. Rolled back, the page is committed again (the route redelivers it).
                    throw new TransientDataAccessResourceException("credit_record kept out a row of source "
                            + run.sourceId() + " (record " + w.record().sourceRecordId() + ") that no row's key holds");
                }
                if (!(run.sourceId() + '|' + w.record().sourceRecordId()).equals(owner)) {
                    plan.demoteToDuplicate(w.completionKey());
                }
            }
        }
        List<RecordWrite> updates = new ArrayList<>(plan.recordUpdates());
        if (!updates.isEmpty()) {
            jdbc.batchUpdate(UPDATE_RECORD, updates, updates.size(), (ps, w) -> {
                content(new StatementRow(ps), w).time(at).text(w.completionKey());
            });
        }
    }

    /**
     * The completion keys an insert of records kept out: those the database named, when it named
     * each and each is one of the page's; else every key of the page, any of which may be one.
     * Where loads name them, another source's completions are found so instead of being read
     * before the insert (see held): in bench/run's 1M full sync that read was a million keys, and
     * reading every key of a page back whenever its load kept one out (seven pages in ten) 0.62
     * million rows.
     */
    private static Set<String> keptOut(List<RecordWrite> inserts, List<String> named) {
        Set<String> all = new HashSet<>();
        inserts.forEach(w -> all.add(w.completionKey()));
        return named != null && all.containsAll(named) ? new HashSet<>(named) : all;
    }

    /**
     * Revision to state, in the column order RECORD_COLUMNS and UPDATE_RECORD share.
     * The ID number is stored as its keyed hash (to find and match) and encrypted, never in clear.
     */
    private Row content(Row row, RecordWrite w) throws SQLException {
        CreditRecord r = w.record();
        return row.number(w.revision()).text(w.fingerprint()).text(ids.hash(r.idNumber())).text(ids.encrypt(r.idNumber()))
                .text(r.name()).text(r.employerName()).text(r.employerCode()).text(r.cityCode())
                .text(r.sourceId()).text(r.sourceRecordId()).text(r.courseId()).text(r.courseName())
                .text(r.subject().name()).text(r.kind().name()).decimal(r.amount()).text(r.unit().name())
                .decimal(r.hours()).date(r.completionDate()).number(r.studyYear()).text(r.certificateNo())
                .text(r.state().name());
    }

    private void writeLineage(SyncRun run, PagePlan plan, LocalDateTime at) {
        bulk.insert(TableRows.<LineageWrite>insert("credit_record_source", LINEAGE_COLUMNS, (row, l) -> {
            row.text(run.sourceId()).text(l.sourceRecordId()).text(l.completionKey()).flag(l.primary())
                    .text(l.fingerprint()).number(l.revision()).time(l.sourceUpdatedAt())
                    .number(run.id()).number(run.id()).time(at).time(at);
        }), new ArrayList<>(plan.lineageInserts()));
        List<LineageWrite> updates = new ArrayList<>(plan.lineageUpdates());
        if (!updates.isEmpty()) {
            jdbc.batchUpdate(UPDATE_LINEAGE, updates, updates.size(), (ps, l) -> {
                ps.setString(1, l.fingerprint());
                ps.setInt(2, l.revision());
                ps.setObject(3, l.sourceUpdatedAt());
                ps.setLong(4, run.id());
                ps.setObject(5, at);
                ps.setString(6, run.sourceId());
                ps.setString(7, l.sourceRecordId());
            });
        }
    }

    /**
     * The outbox rows of what the page pushes. Its new completions, when this instance's push loops
     * have room for them, get no outbox row yet: one lease row stands for them until the province
     * has answered (see PushHandoff), and they are handed to the loops once the page has committed.
     * The rest are written due now.
     */
    private void writeOutbox(PagePlan plan, Timestamp now, RecordKeys page) {
        List<RecordWrite> toPush = new ArrayList<>(plan.toPush());
        if (toPush.isEmpty()) {
            return;
        }
        LocalDateTime at = now.toLocalDateTime();
        List<RecordWrite> fresh = new ArrayList<>(plan.recordInserts());
        Handover handover = handover(fresh.size(), now);
        if (handover != null) {
            Set<String> handed = new HashSet<>();
            fresh.forEach(w -> handed.add(w.completionKey()));
            toPush.removeIf(w -> handed.contains(w.completionKey()));
            writeLease(handover.lease, fresh, at);
            for (RecordWrite w : fresh) {
                handover.rows.add(new PushHandoff.Handed(w.completionKey(), w.revision(), page.provinceKey(w.record()),
                        w.record(), handover.lease.token(), now.toInstant(), handover.lease.until()));
            }
        }
        toPush.sort(Comparator.comparing(RecordWrite::completionKey));
        int inserted = bulk.insert(TableRows.<RecordWrite>insertIgnore("push_outbox", "uk_push_outbox_key", OUTBOX_COLUMNS,
                (row, w) -> row.text(w.completionKey()).number(w.revision()).text("PENDING").number(0).time(at).time(at)),
                toPush);
        if (inserted < toPush.size()) {
            requireQueued(toPush);
        }
        List<RecordWrite> revised = toPush.stream().filter(w -> w.revision() > 1).toList();
        if (!revised.isEmpty()) {
            jdbc.batchUpdate(SUPERSEDE_OUTBOX, revised, revised.size(), (ps, w) -> {
                ps.setObject(1, at);
                ps.setString(2, w.completionKey());
                ps.setInt(3, w.revision());
                ps.setObject(4, at);
            });
        }
    }

    /** The lease row that stands for the completions a page hands over. */
    private void writeLease(PushHandoff.Lease lease, List<RecordWrite> handed, LocalDateTime at) {
        StringBuilder entries = new StringBuilder(handed.size() * 68);
        handed.forEach(w -> LeaseEntries.append(entries, w.completionKey(), w.revision()));
        outbox.writeLease(lease.token(), at, lease.until(), handed.size(), entries.toString());
    }

    /** Room the push loops gave a page's new completions, and the rows to hand them when it commits. */
    private record Handover(PushHandoff.Lease lease, List<PushHandoff.Handed> rows) {
    }

    /**
     * Room for {@code rows} new completions with this instance's push loops, handed over when the
     * page's transaction commits and given back when it rolls back; null when there is none.
     */
    private Handover handover(int rows, Timestamp now) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        PushHandoff.Lease lease = handoff.reserve(rows, now.toInstant());
        if (lease == null) {
            return null;
        }
        Handover handover = new Handover(lease, new ArrayList<>(rows));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status == STATUS_COMMITTED) {
                    handoff.handOver(lease, handover.rows);
                } else {
                    handoff.release(lease);
                }
            }
        });
        return handover;
    }

    /**
     * Every revision to push has its outbox row: one kept out must be because it is there already
     * (the same revision stored before), else it would never be pushed.
     */
    private void requireQueued(List<RecordWrite> toPush) {
        Set<String> queued = new HashSet<>();
        named.query("SELECT completion_key, revision FROM push_outbox WHERE completion_key IN (:keys)",
                new MapSqlParameterSource("keys", StatementShapes.padded(toPush.stream().map(RecordWrite::completionKey).toList())),
                rs -> {
                    queued.add(rs.getString(1) + '#' + rs.getInt(2));
                });
        for (RecordWrite w : toPush) {
            if (!queued.contains(w.completionKey() + '#' + w.revision())) {
                throw new TransientDataAccessResourceException("push_outbox kept out revision " + w.revision()
                        + " of a completion of source " + w.record().sourceId() + " (record " + w.record().sourceRecordId()
                        + ") that no outbox row holds");
            }
        }
    }

    private void saveCheckpoint(String sourceId, Checkpoint c, Timestamp now) {
        jdbc.update(SAVE_CHECKPOINT, sourceId, text(c.since()), text(c.passSince()), c.page(), text(c.passHighWater()), now);
    }

    private static String text(LocalDateTime value) {
        return value == null ? null : value.toString();
    }
}
