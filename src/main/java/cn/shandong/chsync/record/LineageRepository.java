package cn.shandong.chsync.record;

import cn.shandong.chsync.dedupe.PagePlan.LineageWrite;
import cn.shandong.chsync.pull.SyncRun;
import cn.shandong.chsync.sql.BulkInsert;
import cn.shandong.chsync.sql.Instants;
import cn.shandong.chsync.sql.StatementShapes;
import cn.shandong.chsync.sql.TableRows;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** Every statement on credit_record_source, the lineage: which source keys a completion was reported under. */
@Component
public class LineageRepository {

    private static final String COLUMNS = """
            source_id, source_record_id, completion_key, is_primary, fingerprint, revision, source_updated_at,
            first_run_id, last_run_id, created_at, updated_at""";
    private static final String UPDATE = """
            UPDATE credit_record_source SET fingerprint = ?, revision = ?, source_updated_at = ?, last_run_id = ?,
                updated_at = ?
            WHERE source_id = ? AND source_record_id = ?
            """;

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final BulkInsert bulk;

    LineageRepository(JdbcTemplate jdbc, BulkInsert bulk) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.bulk = bulk;
    }

    /** A source key as linked: the completion it belongs to and what was stored of it. */
    public record Linked(String sourceRecordId, String completionKey, int revision, boolean primary, LocalDateTime sourceUpdatedAt,
                  long lastRunId) {
    }

    /** Whether nothing of the source is linked yet (its first load). */
    public boolean nothingLinked(String sourceId) {
        return jdbc.queryForList("SELECT 1 FROM credit_record_source WHERE source_id = ? LIMIT 1", Integer.class, sourceId)
                .isEmpty();
    }

    /** The stored fingerprint of each of these source record ids that is linked. */
    public Map<String, String> fingerprints(String sourceId, Collection<String> ids) {
        Map<String, String> fingerprints = new HashMap<>();
        named.query("SELECT source_record_id, fingerprint FROM credit_record_source WHERE source_id = :source "
                        + "AND source_record_id IN (:ids)",
                new MapSqlParameterSource("source", sourceId).addValue("ids", StatementShapes.padded(ids)),
                rs -> {
                    fingerprints.put(rs.getString(1), rs.getString(2));
                });
        return fingerprints;
    }

    /** The lineage of each of these source record ids that is linked. */
    public List<Linked> linked(String sourceId, Collection<String> ids) {
        return named.query("""
                SELECT source_record_id, completion_key, revision, is_primary, source_updated_at, last_run_id
                FROM credit_record_source WHERE source_id = :source AND source_record_id IN (:ids)
                """, new MapSqlParameterSource("source", sourceId).addValue("ids", StatementShapes.padded(ids)),
                (rs, i) -> new Linked(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getBoolean(4),
                        rs.getObject(5, LocalDateTime.class), rs.getLong(6)));
    }

    /** A page's new source keys and the changed ones, written for the run. */
    public void write(SyncRun run, Collection<LineageWrite> inserts, Collection<LineageWrite> updates, LocalDateTime at) {
        bulk.insert(TableRows.<LineageWrite>insert("credit_record_source", COLUMNS, (row, l) -> {
            row.text(run.sourceId()).text(l.sourceRecordId()).text(l.completionKey()).flag(l.primary())
                    .text(l.fingerprint()).number(l.revision()).time(l.sourceUpdatedAt())
                    .number(run.id()).number(run.id()).time(at).time(at);
        }), new ArrayList<>(inserts));
        List<LineageWrite> changed = new ArrayList<>(updates);
        if (!changed.isEmpty()) {
            jdbc.batchUpdate(UPDATE, changed, changed.size(), (ps, l) -> {
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

    /** One platform's report of a completion: primary is the one whose content was pushed. */
    public record Report(String completionKey, String sourceId, String sourceRecordId, boolean primary, int revision,
                         long firstRunId, long lastRunId, Instant firstSeen) {
    }

    /** Every report of one person's completions (by the ID number's hash), the primary one of each first. */
    public List<Report> reportsOfPerson(String idHash) {
        return jdbc.query("""
                SELECT l.completion_key, l.source_id, l.source_record_id, l.is_primary, l.revision, l.first_run_id,
                    l.last_run_id, l.created_at
                FROM credit_record_source l JOIN credit_record r ON r.completion_key = l.completion_key
                WHERE r.id_hash = ? ORDER BY l.is_primary DESC, l.created_at, l.source_id
                """, (rs, i) -> new Report(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getInt(5),
                rs.getLong(6), rs.getLong(7), Instants.of(rs, "created_at")), idHash);
    }
}
