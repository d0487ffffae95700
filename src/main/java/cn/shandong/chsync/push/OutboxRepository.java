package cn.shandong.chsync.push;

import cn.shandong.chsync.sql.BulkInsert;
import cn.shandong.chsync.sql.CommitAgainException;
import cn.shandong.chsync.sql.Instants;
import cn.shandong.chsync.sql.StatementShapes;
import cn.shandong.chsync.sql.TableRows;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every statement on push_outbox and push_lease: a page's revisions queued and its lease written,
 * what is due, leasing it, settling it by the province's answer, putting it off after a failure,
 * and the rows of completions pages handed over, written once they are answered or once their
 * page's lease ran out. Longer than most classes here because it is the one owner of both tables.
 */
@Component
public class OutboxRepository {

    /** How many completions pages handed over the province has not answered yet: they have no outbox row until it has. */
    public static final String UNANSWERED_HANDED = "SELECT COALESCE(SUM(unanswered), 0) FROM push_lease";

    /** How many completions wait to reach the province: outbox rows pending, and those handed over and unanswered. */
    public static final String WAITING = "SELECT (SELECT COUNT(*) FROM push_outbox WHERE status = '" + OutboxStatus.PENDING + "') + ("
            + UNANSWERED_HANDED + ")";

    /** The outbox row of a revision a page queues. */
    private static final String QUEUED_COLUMNS = "completion_key, revision, status, attempts, next_attempt_at, created_at";

    /** The outbox row of a completion handed over, written once it is answered or its lease ran out. */
    private static final String HANDED_COLUMNS = """
            completion_key, revision, status, result, last_error, attempts, created_at, next_attempt_at,
            last_attempt_at, done_at""";

    /**
     * The due rows and their records in one read, the longest due first, in the order of
     * ix_push_outbox_ready (status, next_attempt_at, then id), so the database reads the batch and
     * stops (ORDER BY id made it read and sort every pending row), then joins just those.
     */
    private static final String DUE = """
            SELECT o.id, o.completion_key, o.revision, o.attempts, r.province_key, r.id_cipher, r.source_id,
                r.source_record_id, %s, r.amount, r.hours, r.completion_date, r.study_year
            FROM (SELECT id, completion_key, revision, attempts, next_attempt_at FROM push_outbox
                  WHERE status = :pending AND next_attempt_at <= :now AND (lease_until IS NULL OR lease_until < :now)
                      AND MOD(id, :workers) = :worker
                  ORDER BY next_attempt_at, id LIMIT :batch) o
            JOIN credit_record r ON r.completion_key = o.completion_key
            ORDER BY o.next_attempt_at, o.id
            """.formatted(Arrays.stream(ProvinceRequest.Text.values()).map(t -> "r." + t.column).collect(Collectors.joining(", ")));

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final TransactionTemplate tx;
    private final BulkInsert bulk;

    OutboxRepository(JdbcTemplate jdbc, PlatformTransactionManager transactions, BulkInsert bulk) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.tx = new TransactionTemplate(transactions);
        this.bulk = bulk;
    }

    /**
     * Up to {@code batch} of a worker's due rows with their records. A plain read, which neither
     * waits for nor blocks the pages being committed; {@link #lease} then takes them by id.
     */
    List<DueRow> due(Timestamp now, int worker, int workers, int batch) {
        return named.query(DUE, new MapSqlParameterSource("now", now).addValue("pending", OutboxStatus.PENDING.name())
                .addValue("workers", workers).addValue("worker", worker).addValue("batch", batch), (rs, row) -> DueRow.read(rs));
    }

    /**
     * Leases those of the rows read as due that are due still: a row another instance leased in
     * between (or put off after a failure) no longer qualifies. Answers how many it took.
     */
    int lease(List<Long> ids, String token, Timestamp until, Timestamp now) {
        return named.update("""
                UPDATE push_outbox SET lease_owner = :token, lease_until = :until, attempts = attempts + 1,
                    last_attempt_at = :now
                WHERE id IN (:ids) AND status = :pending AND next_attempt_at <= :now
                    AND (lease_until IS NULL OR lease_until < :now)
                """, new MapSqlParameterSource("token", token).addValue("until", until).addValue("now", now)
                .addValue("pending", OutboxStatus.PENDING.name()).addValue("ids", StatementShapes.padded(ids)));
    }

    /** Of these rows, the ids this lease holds. */
    Set<Long> leasedBy(String token, List<Long> ids) {
        return new HashSet<>(named.queryForList("SELECT id FROM push_outbox WHERE id IN (:ids) AND lease_owner = :token",
                new MapSqlParameterSource("ids", StatementShapes.padded(ids)).addValue("token", token), Long.class));
    }

    /** A completion revision a page queues to push; {@code origin} names its source record in an error. */
    public record Revision(String completionKey, int revision, String origin) {
    }

    /**
     * A page's revisions to push, written due now, in the order given (the keys' order, as pages
     * insert them, so that two transactions take the index locks alike). An older revision not yet
     * sent is SUPERSEDED: the newer one carries the current content. Every revision must have its
     * row after: one kept out must be there already (the same revision stored before), else it
     * would never be pushed, and the page's transaction is rolled back to be committed again.
     */
    public void queue(List<Revision> revisions, LocalDateTime at) {
        int inserted = bulk.insert(TableRows.<Revision>insertIgnore("push_outbox", "uk_push_outbox_key", QUEUED_COLUMNS,
                (row, r) -> row.text(r.completionKey()).number(r.revision()).text(OutboxStatus.PENDING.name()).number(0)
                        .time(at).time(at)), revisions);
        if (inserted < revisions.size()) {
            requireQueued(revisions);
        }
        List<Revision> revised = revisions.stream().filter(r -> r.revision() > 1).toList();
        if (!revised.isEmpty()) {
            jdbc.batchUpdate("""
                    UPDATE push_outbox SET status = ?, done_at = ?
                    WHERE completion_key = ? AND revision < ? AND status = ? AND (lease_until IS NULL OR lease_until < ?)
                    """, revised, revised.size(), (ps, r) -> {
                        ps.setString(1, OutboxStatus.SUPERSEDED.name());
                        ps.setObject(2, at);
                        ps.setString(3, r.completionKey());
                        ps.setInt(4, r.revision());
                        ps.setString(5, OutboxStatus.PENDING.name());
                        ps.setObject(6, at);
                    });
        }
    }

    private void requireQueued(List<Revision> revisions) {
        Set<String> queued = new HashSet<>();
        named.query("SELECT completion_key, revision FROM push_outbox WHERE completion_key IN (:keys)",
                new MapSqlParameterSource("keys", StatementShapes.padded(revisions.stream().map(Revision::completionKey).toList())),
                rs -> {
                    queued.add(rs.getString(1) + '#' + rs.getInt(2));
                });
        for (Revision r : revisions) {
            if (!queued.contains(r.completionKey() + '#' + r.revision())) {
                throw new CommitAgainException("push_outbox kept out revision " + r.revision() + " of a completion of "
                        + r.origin() + " that no outbox row holds");
            }
        }
    }

    /** A page's lease on the completions it handed over. */
    record PageLease(String token, LocalDateTime writtenAt, LocalDateTime leaseUntil, String entries) {
    }

    /** Writes the lease that stands for the completions a page hands over, in the page's transaction. */
    public void writeLease(String token, LocalDateTime at, Instant until, int completions, String entries) {
        jdbc.update("INSERT INTO push_lease (token, created_at, lease_until, unanswered, entries) VALUES (?, ?, ?, ?, ?)",
                token, at, Timestamp.from(until).toLocalDateTime(), completions, entries);
    }

    /** Up to {@code limit} pages' leases that ran out before {@code now}, the oldest first. */
    List<PageLease> lapsedLeases(Timestamp now, int limit) {
        return jdbc.query("SELECT token, created_at, lease_until, entries FROM push_lease WHERE lease_until < ? "
                + "ORDER BY lease_until LIMIT ?", (rs, i) -> new PageLease(rs.getString(1), rs.getTimestamp(2).toLocalDateTime(),
                rs.getTimestamp(3).toLocalDateTime(), rs.getString(4)), now, limit);
    }

    /**
     * A lapsed lease becomes, in one transaction, the outbox rows of its completions, due at once,
     * as its page would have written them leased; those answered meanwhile have their rows, which
     * keep the lease's out. Another instance doing the same at once writes the same rows.
     * Answers how many completions the lease stood for.
     */
    int writeLapsedLease(PageLease lease) {
        List<LeaseEntries.Entry> rows = LeaseEntries.parse(lease.entries());
        tx.executeWithoutResult(s -> {
            bulk.insert(TableRows.<LeaseEntries.Entry>insertIgnore("push_outbox", "uk_push_outbox_key", HANDED_COLUMNS,
                    (row, e) -> row.text(e.completionKey()).number(e.revision()).text(OutboxStatus.PENDING.name()).text(null)
                            .text(null).number(1).time(lease.writtenAt()).time(lease.leaseUntil()).time(lease.writtenAt())
                            .time(null)), rows);
            jdbc.update("DELETE FROM push_lease WHERE token = ?", lease.token());
        });
        return rows.size();
    }

    /** Claimed rows of one lease the province took, DONE with its result (ACCEPTED or DUPLICATE). */
    void settleTaken(String result, String token, List<Long> ids, Timestamp now, Timestamp attemptedAt) {
        named.update("""
                UPDATE push_outbox SET status = :done, result = :result, last_error = NULL, done_at = :now,
                    last_attempt_at = :attempted, lease_owner = NULL, lease_until = NULL
                WHERE lease_owner = :token AND id IN (:rows)
                """, new MapSqlParameterSource("done", OutboxStatus.DONE.name()).addValue("result", result).addValue("now", now)
                .addValue("attempted", attemptedAt).addValue("token", token).addValue("rows", StatementShapes.padded(ids)));
    }

    /**
     * Claimed rows of one lease and revision the province refused for one reason, REJECTED with it.
     * The revision is named with the keys, so that the database looks each row up by its whole
     * unique key: by the completion key alone its estimate per key made it read a young outbox whole.
     */
    void settleRefused(String token, int revision, String error, List<String> keys, Timestamp now, Timestamp attemptedAt) {
        named.update("""
                UPDATE push_outbox SET status = :rejected, result = :rejected, last_error = :error, done_at = :now,
                    last_attempt_at = :attempted, lease_owner = NULL, lease_until = NULL
                WHERE lease_owner = :token AND revision = :revision AND completion_key IN (:keys)
                """, new MapSqlParameterSource("rejected", OutboxStatus.REJECTED.name()).addValue("error", error)
                .addValue("now", now).addValue("attempted", attemptedAt).addValue("token", token)
                .addValue("revision", revision).addValue("keys", StatementShapes.padded(keys)));
    }

    /** A claimed row given up on: FAILED with the error. */
    void fail(String completionKey, int revision, String token, String error, Timestamp now, Timestamp attemptedAt) {
        jdbc.update("""
                UPDATE push_outbox SET status = ?, result = NULL, last_error = ?, done_at = ?, last_attempt_at = ?,
                    lease_owner = NULL, lease_until = NULL
                WHERE completion_key = ? AND revision = ? AND lease_owner = ?
                """, OutboxStatus.FAILED.name(), error, now, attemptedAt, completionKey, revision, token);
    }

    /** A claimed row to be tried again at {@code due}, its lease given up. */
    void putOff(String completionKey, int revision, String token, Timestamp due, String error, Timestamp attemptedAt) {
        jdbc.update("""
                UPDATE push_outbox SET next_attempt_at = ?, last_error = ?, last_attempt_at = ?, lease_owner = NULL,
                    lease_until = NULL
                WHERE completion_key = ? AND revision = ? AND lease_owner = ?
                """, due, error, attemptedAt, completionKey, revision, token);
    }

    /**
     * A completion handed over, answered (or to be tried again, or given up on): the outbox row it
     * gets, falling due at {@code due}. Its attempts and times are those the row would have had had
     * its page written it leased: the page's write the first attempt, due when the lease runs out.
     */
    record Answered(PushClaim.Entry entry, OutboxStatus status, String result, String error, Instant due) {
    }

    /**
     * The outbox rows of completions handed over, written once in the state their answer gives, and
     * their pages' leases told how many fewer stand unanswered: a lease with none left is deleted.
     * A row there already (the lease ran out, and its rows were written due) is kept as it is: it is
     * sent again, and the province answers DUPLICATE.
     */
    void writeAnswered(List<Answered> rows, Timestamp now, Timestamp attemptedAt) {
        if (rows.isEmpty()) {
            return;
        }
        List<Answered> sorted = new ArrayList<>(rows);
        // The keys' order, as pages insert them: two transactions take the index locks in the same order.
        sorted.sort(Comparator.comparing(w -> w.entry().completionKey()));
        LocalDateTime at = now.toLocalDateTime();
        LocalDateTime attempted = attemptedAt.toLocalDateTime();
        bulk.insert(TableRows.<Answered>insertIgnore("push_outbox", "uk_push_outbox_key", HANDED_COLUMNS, (row, w) -> {
            PushClaim.Entry e = w.entry();
            row.text(e.completionKey()).number(e.revision()).text(w.status().name()).text(w.result()).text(w.error())
                    .number(e.attempts()).time(local(e.writtenAt())).time(local(w.due())).time(attempted)
                    .time(w.status() == OutboxStatus.PENDING ? null : at);
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

    /**
     * Support's retry of a refused or failed completion: its outbox row is due again now, from its
     * first attempt, when it is the record's current revision. Whether a row was queued.
     */
    public boolean requeueRefused(String completionKey, java.sql.Timestamp at) {
        return jdbc.update("""
                UPDATE push_outbox SET status = ?, attempts = 0, next_attempt_at = ?, result = NULL,
                    last_error = NULL, done_at = NULL, lease_owner = NULL, lease_until = NULL
                WHERE completion_key = ? AND status IN (?, ?)
                    AND revision = (SELECT r.revision FROM credit_record r WHERE r.completion_key = ?)
                """, OutboxStatus.PENDING.name(), at, completionKey, OutboxStatus.REJECTED.name(), OutboxStatus.FAILED.name(),
                completionKey) > 0;
    }

    /**
     * How many completions stand at each status, every status named; those pages handed over and
     * the province has not answered count as PENDING (they have no row until answered).
     */
    public java.util.Map<OutboxStatus, Long> countByStatus() {
        java.util.Map<OutboxStatus, Long> counts = new java.util.EnumMap<>(OutboxStatus.class);
        for (OutboxStatus status : OutboxStatus.values()) {
            counts.put(status, 0L);
        }
        jdbc.query("SELECT status, COUNT(*) FROM push_outbox GROUP BY status",
                rs -> {
                    counts.put(OutboxStatus.valueOf(rs.getString(1)), rs.getLong(2));
                });
        counts.merge(OutboxStatus.PENDING, jdbc.queryForObject(UNANSWERED_HANDED, Long.class), Long::sum);
        return counts;
    }

    /** Per source, the completions the province settled (DONE or REJECTED) in [from, to): the daily statement's side of ours. */
    public java.util.Map<String, java.util.Map<OutboxStatus, Integer>> settledPerSource(java.sql.Timestamp from, java.sql.Timestamp to) {
        java.util.Map<String, java.util.Map<OutboxStatus, Integer>> settled = new java.util.HashMap<>();
        jdbc.query("""
                SELECT r.source_id, o.status, COUNT(*) FROM push_outbox o JOIN credit_record r ON r.completion_key = o.completion_key
                WHERE o.done_at >= ? AND o.done_at < ? AND o.status IN (?, ?) GROUP BY r.source_id, o.status
                """, rs -> {
            settled.computeIfAbsent(rs.getString(1), k -> new java.util.EnumMap<>(OutboxStatus.class))
                    .put(OutboxStatus.valueOf(rs.getString(2)), rs.getInt(3));
        }, from, to, OutboxStatus.DONE.name(), OutboxStatus.REJECTED.name());
        return settled;
    }

    /** A completion's outbox row as a trace shows it; its last error is as the province gave it. */
    public record PushState(String completionKey, int revision, String status, String result, int attempts, Instant doneAt,
                            String lastError) {
    }

    /** The outbox rows of one person's held revisions (by the ID number's hash). */
    public List<PushState> ofPerson(String idHash) {
        return jdbc.query("""
                SELECT o.completion_key, o.revision, o.status, o.result, o.attempts, o.done_at, o.last_error
                FROM push_outbox o JOIN credit_record r ON r.completion_key = o.completion_key AND r.revision = o.revision
                WHERE r.id_hash = ?
                """, (rs, i) -> new PushState(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                Instants.of(rs, "done_at"), rs.getString(7)), idHash);
    }

    /** Completions waiting to reach the province: PENDING rows, and those handed to the push loops not answered yet. */
    public Integer countWaiting() {
        return jdbc.queryForObject(WAITING, Integer.class);
    }
}
