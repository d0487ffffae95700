package cn.shandong.chsync.pull;

import cn.shandong.chsync.dedupe.PagePlan.Counts;
import cn.shandong.chsync.sql.Instants;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * Every statement on sync_run and source_cursor: a run's start, its pages' counts and its end,
 * the source's checkpoint (read when a run starts, written with each committed page), and the
 * runs as operators, alerts and the daily statement read them.
 */
@Component
public class RunRecords {

    /** What one source's runs of a day add up to: stored is new records and revisions. */
    public record DayTotals(int runs, int fetched, int stored, int quarantined) {
    }

    /** A run's records new to the service (fetched less replays), by when it started. */
    public record Volume(String sourceId, Instant startedAt, int newToUs) {
    }

    private final JdbcTemplate jdbc;

    RunRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Marks the source's runs still RUNNING as ABANDONED: their instance stopped before recording their end. */
    void abandonRunning(String sourceId, Timestamp now) {
        jdbc.update("""
                UPDATE sync_run SET status = ?, finished_at = ?,
                    message = 'the instance running it stopped: its lease ran out or its heartbeat did'
                WHERE source_id = ? AND status = ?
                """, RunStatus.ABANDONED.name(), now, sourceId, RunStatus.RUNNING.name());
    }

    /** A new RUNNING run; answers its id. */
    long start(String sourceId, RunTrigger trigger, String node, Timestamp now, Checkpoint from) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement("""
                    INSERT INTO sync_run (source_id, trigger_type, status, node, started_at, cursor_before)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, Statement.RETURN_GENERATED_KEYS);
            ps.setString(1, sourceId);
            ps.setString(2, trigger.name());
            ps.setString(3, RunStatus.RUNNING.name());
            ps.setString(4, node);
            ps.setTimestamp(5, now);
            ps.setString(6, from.toString());
            return ps;
        }, key);
        return key.getKey().longValue();
    }

    /** A run's end: its status, the code of why (null for a plain success) and the technical detail. */
    void end(long runId, RunStatus status, String message, String reasonCode, Checkpoint at, Timestamp now) {
        jdbc.update("UPDATE sync_run SET status = ?, finished_at = ?, message = ?, reason_code = ?, cursor_after = ? WHERE id = ?",
                status.name(), now, message, reasonCode, at.toString(), runId);
    }

    /**
     * Adds a committed page's counts (and the pages kept with it) to the run, with the checkpoint
     * it reached (null: records not from paging) and the platform's total where it gave one.
     */
    void addCounts(long runId, int pages, Counts counts, Checkpoint after, Long total) {
        jdbc.update("""
                UPDATE sync_run SET pages = pages + ?, fetched = fetched + ?, new_records = new_records + ?,
                    replays = replays + ?, revisions = revisions + ?, cross_source_duplicates = cross_source_duplicates + ?,
                    quarantined = quarantined + ?, superseded = superseded + ?, cursor_after = COALESCE(?, cursor_after),
                    expected_total = COALESCE(?, expected_total)
                WHERE id = ?
                """, pages, counts.fetched(), counts.newRecords(), counts.replays(), counts.revisions(),
                counts.crossSourceDuplicates(), counts.quarantined(), counts.superseded(),
                after == null ? null : after.toString(), total, runId);
    }

    /** Stores where the source's next page starts, with the page that reached it. */
    void saveCheckpoint(String sourceId, Checkpoint c, Timestamp now) {
        jdbc.update("""
                INSERT INTO source_cursor (source_id, since_value, pass_since, page_state, pass_high_water, updated_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON DUPLICATE KEY UPDATE since_value = VALUES(since_value), pass_since = VALUES(pass_since),
                    page_state = VALUES(page_state), pass_high_water = VALUES(pass_high_water), updated_at = VALUES(updated_at)
                """, sourceId, text(c.since()), text(c.passSince()), c.page(), text(c.passHighWater()), now);
    }

    /** The source's stored checkpoint, or the empty one of a source never synced. */
    Checkpoint checkpoint(String sourceId) {
        List<Checkpoint> stored = jdbc.query(
                "SELECT since_value, pass_since, page_state, pass_high_water FROM source_cursor WHERE source_id = ?",
                (rs, i) -> new Checkpoint(time(rs.getString(1)), time(rs.getString(2)), rs.getString(3), time(rs.getString(4))),
                sourceId);
        return stored.isEmpty() ? Checkpoint.EMPTY : stored.get(0);
    }

    /** Runs newest first, of one source and one status where they are given. */
    public List<RunView> list(String sourceId, RunStatus status, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + RunView.COLUMNS + " FROM sync_run WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (sourceId != null) {
            sql.append(" AND source_id = ?");
            args.add(sourceId);
        }
        if (status != null) {
            sql.append(" AND status = ?");
            args.add(status.name());
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), RunView::read, args.toArray());
    }

    /** The runs started at or after {@code from}, of one source where it is given. */
    public List<RunView> startedSince(Timestamp from, String sourceId) {
        return sourceId == null
                ? jdbc.query("SELECT " + RunView.COLUMNS + " FROM sync_run WHERE started_at >= ?", RunView::read, from)
                : jdbc.query("SELECT " + RunView.COLUMNS + " FROM sync_run WHERE started_at >= ? AND source_id = ?",
                        RunView::read, from, sourceId);
    }

    public Optional<RunView> find(long id) {
        return jdbc.query("SELECT " + RunView.COLUMNS + " FROM sync_run WHERE id = ?", RunView::read, id).stream().findFirst();
    }

    /** Each source's latest run, by source id. */
    public Map<String, RunView> latestPerSource() {
        Map<String, RunView> latest = new HashMap<>();
        jdbc.query("SELECT " + RunView.COLUMNS + " FROM sync_run WHERE id IN (SELECT MAX(id) FROM sync_run GROUP BY source_id)",
                rs -> {
                    RunView run = RunView.read(rs, 0);
                    latest.put(run.sourceId(), run);
                });
        return latest;
    }

    /** When each source's last successful run ended, by source id. */
    public Map<String, Instant> lastSuccessPerSource() {
        Map<String, Instant> last = new HashMap<>();
        jdbc.query("SELECT source_id, MAX(finished_at) AS finished_at FROM sync_run WHERE status = ? GROUP BY source_id",
                rs -> {
                    last.put(rs.getString("source_id"), Instants.of(rs, "finished_at"));
                }, RunStatus.SUCCEEDED.name());
        return last;
    }

    /** Every run started at or after {@code from}, as the records it brought that were new to the service. */
    public List<Volume> volumesSince(Timestamp from) {
        return jdbc.query("SELECT source_id, started_at, fetched - replays FROM sync_run WHERE started_at >= ?",
                (rs, i) -> new Volume(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getInt(3)), from);
    }

    /** Per source, what its runs started in [from, to) add up to. */
    public Map<String, DayTotals> totals(Timestamp from, Timestamp to) {
        Map<String, DayTotals> totals = new HashMap<>();
        jdbc.query("""
                SELECT source_id, COUNT(*), SUM(fetched), SUM(new_records + revisions), SUM(quarantined)
                FROM sync_run WHERE started_at >= ? AND started_at < ? GROUP BY source_id
                """, rs -> {
            totals.put(rs.getString(1), new DayTotals(rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5)));
        }, from, to);
        return totals;
    }

    private static String text(LocalDateTime value) {
        return value == null ? null : value.toString();
    }

    private static LocalDateTime time(String text) {
        return text == null ? null : LocalDateTime.parse(text);
    }
}
