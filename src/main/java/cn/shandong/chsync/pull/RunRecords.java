package cn.shandong.chsync.pull;

import cn.shandong.chsync.dedupe.PagePlan.Counts;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * The sync_run rows of the pull side (a run's start, its pages' counts, its end) and the source's
 * checkpoint (source_cursor): read when a run starts, written with each committed page.
 */
@Component
class RunRecords {

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

    private static String text(LocalDateTime value) {
        return value == null ? null : value.toString();
    }

    private static LocalDateTime time(String text) {
        return text == null ? null : LocalDateTime.parse(text);
    }
}
