package cn.shandong.chsync.source;

import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * The sync_run rows of the pull side (a run's start and end) and the checkpoint a run starts from
 * (source_cursor, which each committed page writes: see PageStore).
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

    void end(long runId, RunStatus status, String message, Checkpoint at, Timestamp now) {
        jdbc.update("UPDATE sync_run SET status = ?, finished_at = ?, message = ?, cursor_after = ? WHERE id = ?",
                status.name(), now, message, at.toString(), runId);
    }

    /** Whether nothing of the source is linked yet (its first load): its pages then have nothing to look up. */
    boolean nothingLinked(String sourceId) {
        return jdbc.queryForList("SELECT 1 FROM credit_record_source WHERE source_id = ? LIMIT 1", Integer.class, sourceId)
                .isEmpty();
    }

    /** The source's stored checkpoint, or the empty one of a source never synced. */
    Checkpoint checkpoint(String sourceId) {
        List<Checkpoint> stored = jdbc.query(
                "SELECT since_value, pass_since, page_state, pass_high_water FROM source_cursor WHERE source_id = ?",
                (rs, i) -> new Checkpoint(time(rs.getString(1)), time(rs.getString(2)), rs.getString(3), time(rs.getString(4))),
                sourceId);
        return stored.isEmpty() ? Checkpoint.EMPTY : stored.get(0);
    }

    private static LocalDateTime time(String text) {
        return text == null ? null : LocalDateTime.parse(text);
    }
}
